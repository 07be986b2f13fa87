package org.rclab.scheme;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/**
 * Finds schemes with {@link ServiceLoader}. This is the only way any tool of the project learns
 * which schemes exist: adding a jar with a registered scheme to the class path adds it everywhere.
 */
public final class Schemes {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

    private Schemes() {
    }

    /**
     * The schemes registered on the class path of the current thread's context class loader,
     * sorted by name.
     *
     * @return the discovered schemes
     * @throws IllegalStateException if a scheme has an invalid name or two share a name
     */
    public static List<Scheme> discover() {
        return discover(Thread.currentThread().getContextClassLoader());
    }

    /**
     * The schemes registered on a class loader's class path, sorted by name.
     *
     * @param loader where to look
     * @return the discovered schemes
     * @throws IllegalStateException if a scheme has an invalid name or two share a name
     */
    public static List<Scheme> discover(final ClassLoader loader) {
        final Map<String, Scheme> byName = new HashMap<>();
        for (final Scheme scheme : ServiceLoader.load(Scheme.class, loader)) {
            final String name = scheme.name();
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalStateException("scheme " + scheme.getClass().getName() + " has an invalid name '"
                        + name + "': use lower-case letters, digits and '-', starting with a letter");
            }
            final Scheme previous = byName.putIfAbsent(name, scheme);
            if (previous != null && previous.getClass() != scheme.getClass()) {
                throw new IllegalStateException("two schemes are named '" + name + "': "
                        + previous.getClass().getName() + " and " + scheme.getClass().getName());
            }
        }
        final List<Scheme> sorted = new ArrayList<>(byName.values());
        sorted.sort(Comparator.comparing(Scheme::name));
        return List.copyOf(sorted);
    }

    /**
     * The names of the discovered schemes, sorted.
     *
     * @return the names
     */
    public static List<String> names() {
        return discover().stream().map(Scheme::name).toList();
    }

    /**
     * The discovered scheme with a name.
     *
     * @param name the scheme's name
     * @return the scheme
     * @throws UnknownSchemeException listing the known names, if none has that name
     */
    public static Scheme byName(final String name) {
        final List<Scheme> all = discover();
        for (final Scheme scheme : all) {
            if (scheme.name().equals(name)) {
                return scheme;
            }
        }
        throw new UnknownSchemeException(name, all.stream().map(Scheme::name).toList());
    }
}
