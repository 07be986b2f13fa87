package org.rclab.scheme;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds a scheme jar the way a third party would: compiles one source file against this
 * module's classes and registers the class in {@code META-INF/services}.
 */
public final class PluginJar {
    private PluginJar() {
    }

    /**
     * Compiles a scheme class and packs it with its registration.
     *
     * @param dir a scratch directory; the jar is written inside it
     * @param className the scheme's fully qualified class name
     * @param source the class's source
     * @param registered the class names to list in the registration file
     * @return the jar
     * @throws IOException if writing fails
     */
    static Path build(final Path dir, final String className, final String source, final List<String> registered)
            throws IOException {
        final Path src = dir.resolve("src").resolve(className.replace('.', '/') + ".java");
        final Path classes = dir.resolve("classes");
        Files.createDirectories(src.getParent());
        Files.createDirectories(classes);
        Files.writeString(src, source);
        final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        final int status = javac.run(null, null, null, "-d", classes.toString(),
                "-cp", System.getProperty("java.class.path"), src.toString());
        if (status != 0) {
            throw new IllegalStateException("the plugin source did not compile (status " + status + ")");
        }
        final Path jar = dir.resolve(className.substring(className.lastIndexOf('.') + 1) + ".jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> files = Files.walk(classes)) {
            for (final Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(p));
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("META-INF/services/" + Scheme.class.getName()));
            out.write((String.join("\n", registered) + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }

    /**
     * Builds {@code DemoScheme.jar}, registering a scheme named {@code demo}.
     *
     * @param dir where to build it
     * @return the jar
     * @throws IOException if writing fails
     */
    public static Path demoScheme(final Path dir) throws IOException {
        return build(dir, "org.example.rclab.DemoScheme",
                schemeSource("org.example.rclab", "DemoScheme", "demo"), List.of("org.example.rclab.DemoScheme"));
    }

    /**
     * The source of a minimal scheme with a given name: core's plain counter, nothing else.
     *
     * @param pkg the package
     * @param simpleName the class's simple name
     * @param schemeName what {@code name()} returns
     * @return Java source
     */
    static String schemeSource(final String pkg, final String simpleName, final String schemeName) {
        return "package " + pkg + ";\n"
                + "import org.rclab.object.RcObject;\n"
                + "import org.rclab.runtime.RuntimeThread;\n"
                + "import org.rclab.scheme.*;\n"
                + "public final class " + simpleName + " implements Scheme {\n"
                + "  public String name() { return \"" + schemeName + "\"; }\n"
                + "  public String description() { return \"a third-party scheme loaded from a plugin jar\"; }\n"
                + "  public boolean threadSafe() { return false; }\n"
                + "  public SchemeInstance open(SchemeContext c) { return new Instance(); }\n"
                + "  static final class Instance implements SchemeInstance, ThreadGate {\n"
                + "    private final RefCounter counter = new PlainRefCounter();\n"
                + "    public RefCounter refCounter() { return counter; }\n"
                + "    public ThreadGate threadGate() { return this; }\n"
                + "    public CriticalSections criticalSections() { return new CriticalSections() {\n"
                + "      public CriticalSection enter(RcObject o) { return CriticalSection.NONE; }\n"
                + "      public CriticalSection enter(RcObject a, RcObject b) { return CriticalSection.NONE; }\n"
                + "    }; }\n"
                + "    public void attach(RuntimeThread t) { }\n"
                + "    public void detach(RuntimeThread t) { }\n"
                + "    public void checkpoint(RuntimeThread t) { }\n"
                + "    public void release(RuntimeThread t) { }\n"
                + "    public void reacquire(RuntimeThread t) { }\n"
                + "  }\n"
                + "}\n";
    }
}
