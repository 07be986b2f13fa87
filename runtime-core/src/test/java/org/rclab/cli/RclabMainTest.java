package org.rclab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.rclab.scheme.PluginJar;

class RclabMainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(final String... args) {
        return RclabMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void schemesListsEachDiscoveredSchemeWithItsSafetyAndDescription() {
        assertEquals(0, run("schemes"));
        final String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("unsafe ") && l.contains("not thread-safe")), text);
    }

    @Test
    void unknownSubcommandIsAUsageErrorOnOneLine() {
        assertEquals(RclabMain.USAGE_ERROR, run("frobnicate"));
        final String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.contains("unknown subcommand 'frobnicate'"), message);
    }

    @Test
    void unexpectedArgumentIsAUsageError() {
        assertEquals(RclabMain.USAGE_ERROR, run("schemes", "--verbose"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("'--verbose'"));
    }

    /**
     * The launcher puts plugin jars on the class path of a fresh JVM; this does the same and
     * checks the plugin's scheme is listed. The jar stays in target/ so CI can pass it to
     * {@code ./rclab --plugin} as well.
     */
    @Test
    void pluginJarOnTheClassPathIsListedByAFreshJvm() throws Exception {
        final Path dir = Paths.get("target", "test-plugin").toAbsolutePath();
        Files.createDirectories(dir);
        final Path jar = PluginJar.demoScheme(dir);
        final String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        final String classPath = System.getProperty("java.class.path") + File.pathSeparator + jar;
        final Process process = new ProcessBuilder(List.of(java, "-cp", classPath, RclabMain.class.getName(), "schemes"))
                .redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the child JVM did not finish");
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.lines().anyMatch(l -> l.startsWith("demo ")), output);
        assertTrue(output.lines().anyMatch(l -> l.startsWith("unsafe ")), output);
    }
}
