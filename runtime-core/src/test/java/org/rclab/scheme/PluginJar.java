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
     * The source of a minimal scheme with a given name that does not claim thread safety: core's
     * plain counter, nothing else.
     *
     * @param pkg the package
     * @param simpleName the class's simple name
     * @param schemeName what {@code name()} returns
     * @return Java source
     */
    static String schemeSource(final String pkg, final String simpleName, final String schemeName) {
        return schemeSource(pkg, simpleName, schemeName, false);
    }

    /**
     * Builds {@code PlainCountScheme.jar}: a scheme named {@code plain-count} that claims thread
     * safety but counts with plain read-modify-writes and has no locks at all. The conformance
     * kit's race tests must catch it every time they run.
     *
     * @param dir where to build it
     * @return the jar
     * @throws IOException if writing fails
     */
    public static Path plainCountClaimingSafety(final Path dir) throws IOException {
        return build(dir, "org.example.broken.PlainCountScheme",
                schemeSource("org.example.broken", "PlainCountScheme", "plain-count", true),
                List.of("org.example.broken.PlainCountScheme"));
    }

    /**
     * Builds {@code NonReentrantScheme.jar}: a scheme named {@code non-reentrant} with atomic
     * counts and a per-object lock in the header's lock word that its own holder cannot take
     * again. A thread entering a section over an object it already holds waits for itself; the
     * wait ends only if the thread is interrupted. The kit must fail it with a message, not hang.
     *
     * @param dir where to build it
     * @return the jar
     * @throws IOException if writing fails
     */
    public static Path nonReentrantSections(final Path dir) throws IOException {
        final String source = "package org.example.broken;\n"
                + "import java.util.concurrent.locks.LockSupport;\n"
                + "import org.rclab.object.Header;\n"
                + "import org.rclab.object.RcObject;\n"
                + "import org.rclab.runtime.RuntimeThread;\n"
                + "import org.rclab.scheme.*;\n"
                + "public final class NonReentrantScheme implements Scheme {\n"
                + "  public String name() { return \"non-reentrant\"; }\n"
                + "  public String description() { return \"atomic counts, sections that wait for themselves\"; }\n"
                + "  public boolean threadSafe() { return true; }\n"
                + "  public SchemeInstance open(SchemeContext c) { return new Instance(); }\n"
                + "  static void lock(RcObject o) {\n"
                + "    while (!Header.compareAndSetLockWord(o, 0, 1)) {\n"
                + "      if (Thread.interrupted()) throw new IllegalStateException(\"interrupted waiting for \" + o.describe());\n"
                + "      LockSupport.parkNanos(100_000);\n"
                + "    }\n"
                + "  }\n"
                + "  static final class Instance implements SchemeInstance, ThreadGate, RefCounter, CriticalSections {\n"
                + "    public RefCounter refCounter() { return this; }\n"
                + "    public ThreadGate threadGate() { return this; }\n"
                + "    public CriticalSections criticalSections() { return this; }\n"
                + "    public void init(RcObject o) { Header.setSharedPlain(o, 1); }\n"
                + "    public void incref(RcObject o) { Header.getAndAddShared(o, 1); }\n"
                + "    public boolean decref(RcObject o) { return Header.getAndAddShared(o, -1) == 1; }\n"
                + "    public long count(RcObject o) { return Header.sharedVolatile(o); }\n"
                + "    public CriticalSection enter(RcObject o) { lock(o); return () -> Header.setLockWordRelease(o, 0); }\n"
                + "    public CriticalSection enter(RcObject a, RcObject b) {\n"
                + "      if (a == b) return enter(a);\n"
                + "      RcObject first = a.id() < b.id() ? a : b, second = first == a ? b : a;\n"
                + "      lock(first); lock(second);\n"
                + "      return () -> { Header.setLockWordRelease(second, 0); Header.setLockWordRelease(first, 0); };\n"
                + "    }\n"
                + "    public void attach(RuntimeThread t) { }\n"
                + "    public void detach(RuntimeThread t) { }\n"
                + "    public void checkpoint(RuntimeThread t) { }\n"
                + "    public void release(RuntimeThread t) { }\n"
                + "    public void reacquire(RuntimeThread t) { }\n"
                + "  }\n"
                + "}\n";
        return build(dir, "org.example.broken.NonReentrantScheme", source,
                List.of("org.example.broken.NonReentrantScheme"));
    }

    private static String schemeSource(final String pkg, final String simpleName, final String schemeName,
            final boolean claimsThreadSafety) {
        return "package " + pkg + ";\n"
                + "import org.rclab.object.RcObject;\n"
                + "import org.rclab.runtime.RuntimeThread;\n"
                + "import org.rclab.scheme.*;\n"
                + "public final class " + simpleName + " implements Scheme {\n"
                + "  public String name() { return \"" + schemeName + "\"; }\n"
                + "  public String description() { return \"a third-party scheme loaded from a plugin jar\"; }\n"
                + "  public boolean threadSafe() { return " + claimsThreadSafety + "; }\n"
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
