package org.rclab.scheme;

/**
 * A scheme bound to one runtime: the three things it decides. One class may implement all
 * three facets and return itself from each.
 */
public interface SchemeInstance extends AutoCloseable {
    /**
     * How counts change.
     *
     * @return the runtime's reference counter
     */
    RefCounter refCounter();

    /**
     * How threads enter, leave and pause in the runtime.
     *
     * @return the runtime's thread gate
     */
    ThreadGate threadGate();

    /**
     * How an operation locks one or two objects.
     *
     * @return the runtime's critical sections
     */
    CriticalSections criticalSections();

    /** Called once when the runtime closes; the default does nothing. */
    @Override
    default void close() {
    }
}
