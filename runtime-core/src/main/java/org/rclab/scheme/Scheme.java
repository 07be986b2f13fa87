package org.rclab.scheme;

import java.util.List;
import java.util.Map;

import org.rclab.runtime.RcRuntime;

/**
 * A design for making reference counting safe (or, for the control, not safe) under threads.
 *
 * <p>Schemes are found with {@link java.util.ServiceLoader}: a jar registers its implementation
 * in {@code META-INF/services/org.rclab.scheme.Scheme}, and every tool that runs "all schemes"
 * asks {@link Schemes#discover()}. A scheme object is a stateless factory; each
 * {@link RcRuntime} gets its own {@link SchemeInstance} from {@link #open(SchemeContext)}, so
 * several runtimes in one JVM never share a lock (CPython's per-interpreter GIL, PEP 684).
 */
public interface Scheme {
    /**
     * The stable name tools and users select the scheme by: lower case letters, digits and
     * hyphens, starting with a letter (e.g. {@code fine-grained}).
     *
     * @return the name
     */
    String name();

    /**
     * One line saying what the scheme does, for {@code ./rclab schemes}.
     *
     * @return the description
     */
    String description();

    /**
     * Whether the scheme promises exact counts when several threads share objects. The
     * conformance kit runs its multi-threaded tests only for schemes that do; the stress suite
     * expects a scheme that does to be clean.
     *
     * @return {@code true} if threads may share objects
     */
    boolean threadSafe();

    /**
     * The runtime options this scheme reads through {@link SchemeContext#option}, e.g. a GIL's
     * {@code switch-interval-ms}. Tools set the same options for every scheme, so a scheme
     * ignores options it does not declare, and rejects a malformed value of one it does declare
     * with a clear error from {@link #open}.
     *
     * @return option name to what it means; empty by default
     */
    default Map<String, String> options() {
        return Map.of();
    }

    /**
     * The JDK Flight Recorder event classes this scheme emits on its slow paths, for
     * {@code ./rclab trace}, which enables them and refuses a scheme that has none. Each should
     * carry the category {@code {"Refcount Lab", name()}} and may use the annotations of
     * {@code org.rclab.runtime.events} to be drawn on the timeline (the README's recipe says how).
     *
     * @return the event classes; empty by default
     */
    default List<Class<? extends jdk.jfr.Event>> events() {
        return List.of();
    }

    /**
     * Binds the scheme to a new runtime. The runtime is not usable until this returns: the
     * instance may keep the context but must not allocate objects through it yet.
     *
     * @param context what the runtime offers its scheme
     * @return this runtime's instance of the scheme
     */
    SchemeInstance open(SchemeContext context);
}
