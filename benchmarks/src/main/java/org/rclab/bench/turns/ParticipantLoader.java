package org.rclab.bench.turns;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A class loader that gives one participant of a fork run in turn its own copy of the classes on
 * the class path it is given: the runtime, the schemes (a plugin's, in a package of its own, too),
 * the benchmark code and the libraries they use are defined by this loader, child first; the JDK
 * and JMH come from the parent, so the participant and the fork share JDK interfaces such as
 * {@link java.util.function.LongUnaryOperator}. (A first version took only {@code org.rclab.*}
 * itself: a plugin scheme, {@code org.example.rclab.DemoScheme}, then came from the parent and was
 * "not a subtype" of the participant's own {@code Scheme}; the CI smoke run caught it.)
 *
 * <p>Why: two schemes loaded by one loader would make the runtime's calls into its scheme see two
 * receiver classes (bimorphic, then megamorphic with more), which is not the path either scheme has
 * alone, and whichever scheme ran second would pay for the first one's profile. In a loader of its
 * own each participant's runtime, scheme and benchmark classes are distinct {@link Class} objects
 * with their own JIT profiles, and every call site inside stays monomorphic, as in a fork of its own.
 */
public final class ParticipantLoader extends URLClassLoader {
    /** The classes a participant always takes from the parent: the JDK's and JMH's. */
    private static final List<String> SHARED_PREFIXES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.",
            "org.openjdk.jmh.");

    static {
        registerAsParallelCapable();
    }

    /**
     * A loader over the given class path.
     *
     * @param classPath where the lab's classes are (jars and class directories)
     * @param parent where everything else comes from
     */
    public ParticipantLoader(final URL[] classPath, final ClassLoader parent) {
        super("participant", classPath, parent);
    }

    /**
     * A loader over this JVM's own class path ({@code java.class.path}), as a JMH fork is started.
     *
     * @param parent where everything but the lab's classes comes from
     * @return the loader
     */
    public static ParticipantLoader overThisJvm(final ClassLoader parent) {
        final List<URL> urls = new ArrayList<>();
        for (final String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            try {
                urls.add(Path.of(entry).toUri().toURL());
            } catch (final MalformedURLException e) {
                throw new IllegalStateException("class path entry '" + entry + "' is not a URL", e);
            }
        }
        return new ParticipantLoader(urls.toArray(URL[]::new), parent);
    }

    @Override
    protected Class<?> loadClass(final String name, final boolean resolve) throws ClassNotFoundException {
        if (SHARED_PREFIXES.stream().anyMatch(name::startsWith)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                try {
                    c = findClass(name);
                } catch (final ClassNotFoundException notHere) {
                    // Not on the given class path (the JDK's own modules, a class made at run time): the parent's.
                    c = super.loadClass(name, false);
                }
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }
}
