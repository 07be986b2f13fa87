package org.rclab.object;

import java.util.ArrayDeque;

import org.rclab.runtime.RcRuntime;

/** An object that owns references to other objects: tuple, list, dict. */
public abstract class RcContainer extends RcObject {
    /**
     * Makes the header of a container.
     *
     * @param runtime the owning runtime
     */
    protected RcContainer(final RcRuntime runtime) {
        super(runtime, false);
    }

    /**
     * Moves every reference this container owns into {@code out} and empties the container.
     * The runtime calls this exactly once, while freeing the container, and then releases each
     * reference iteratively, so that freeing a deep structure never recurses.
     *
     * @param out where the owned references go; each entry is one reference to release
     */
    public abstract void takeReferences(ArrayDeque<RcObject> out);

    /**
     * The number of items (for a dict, entries).
     *
     * @return the size
     */
    public abstract int size();

    @Override
    public String repr() {
        return "<" + type().pythonName() + " of " + size() + ">";
    }
}
