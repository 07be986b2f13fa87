package org.rclab.bench.turns;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A class loader that gives one participant of a fork run in turn its own copy of the lab's
 * classes: every {@code org.rclab.*} class (runtime, scheme, benchmark code) is defined by this
 * loader from the class path it is given, child first; everything else (the JDK, JMH) comes from
 * the parent, so the participant and the fork share JDK interfaces such as
 * {@link java.util.function.LongUnaryOperator}.
 *
 * <p>Why: two schemes loaded by one loader would make the runtime's calls into its scheme see two
 * receiver classes (bimorphic, then megamorphic with more), which is not the path either scheme has
 * alone, and whichever scheme ran second would pay for the first one's profile. In a loader of its
 * own each participant's runtime, scheme and benchmark classes are distinct {@link Class} objects
 * with their own JIT profiles, and every call site inside stays monomorphic, as in a fork of its own.
 */
public final class ParticipantLoader extends URLClassLoader {
    /** The classes a participant defines itself; the rest it takes from the parent. */
    static final String OWN_PREFIX = "org.rclab.";

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
        if (!name.startsWith(OWN_PREFIX)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                try {
                    c = findClass(name);
                } catch (final ClassNotFoundException notHere) {
                    // Not on the given class path (a class made at run time): the parent's.
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
