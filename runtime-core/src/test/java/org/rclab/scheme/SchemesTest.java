package org.rclab.scheme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;
import org.rclab.object.RcStr;

class SchemesTest {
    @TempDir
    Path dir;

    private URLClassLoader loaderFor(final Path jar) throws Exception {
        return new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader());
    }

    @Test
    void schemeInAPluginJarIsDiscoveredAndUsable() throws Exception {
        final Path jar = PluginJar.build(dir, "com.example.DemoScheme",
                PluginJar.schemeSource("com.example", "DemoScheme", "demo"), List.of("com.example.DemoScheme"));
        try (URLClassLoader loader = loaderFor(jar)) {
            final List<String> names = Schemes.discover(loader).stream().map(Scheme::name).toList();
            assertTrue(names.contains("demo"), names.toString());
            assertTrue(names.contains("unsafe"), names.toString());
            final Scheme demo = Schemes.discover(loader).stream().filter(s -> s.name().equals("demo")).findFirst()
                    .orElseThrow();
            try (RcRuntime rt = RcRuntime.builder(demo).build(); RuntimeThread self = rt.attach()) {
                final RcStr s = rt.newStr("plugged in");
                rt.decref(s);
                rt.heap().assertNoLeaks();
            }
        }
    }

    @Test
    void schemesAreListedInNameOrder() {
        final List<String> names = Schemes.names();
        assertEquals(names.stream().sorted().toList(), names);
    }

    @Test
    void invalidSchemeNameIsRejectedNamingTheClass() throws Exception {
        final Path jar = PluginJar.build(dir, "com.example.BadName",
                PluginJar.schemeSource("com.example", "BadName", "Bad Name"), List.of("com.example.BadName"));
        try (URLClassLoader loader = loaderFor(jar)) {
            final IllegalStateException e = assertThrows(IllegalStateException.class, () -> Schemes.discover(loader));
            assertTrue(e.getMessage().contains("com.example.BadName"), e.getMessage());
            assertTrue(e.getMessage().contains("'Bad Name'"), e.getMessage());
        }
    }

    @Test
    void twoSchemesWithOneNameAreRejected() throws Exception {
        final Path jar = PluginJar.build(dir, "com.example.Impostor",
                PluginJar.schemeSource("com.example", "Impostor", "unsafe"), List.of("com.example.Impostor"));
        try (URLClassLoader loader = loaderFor(jar)) {
            final IllegalStateException e = assertThrows(IllegalStateException.class, () -> Schemes.discover(loader));
            assertTrue(e.getMessage().contains("two schemes are named 'unsafe'"), e.getMessage());
        }
    }
}
