package org.rclab.object;

import java.util.ArrayDeque;

import org.rclab.heap.MisuseKind;
import org.rclab.heap.RefcountMisuseException;
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

    /**
     * Reports a state of this container that only threads changing it at once could make,
     * through the heap's misuse accounting, naming the scheme and the promise it broke. Only
     * called once such a state has been seen, so it costs nothing on the normal paths.
     *
     * @param found what was found, e.g. {@code "pop found empty item slot 3 (size 5)"}; the
     *              message appends {@code " of list object #17"}
     * @return the exception to throw
     */
    protected final RefcountMisuseException brokenPromise(final String found) {
        return runtime.heap().misuse(MisuseKind.BROKEN_PROMISE, this, "scheme '" + runtime.scheme().name()
                + "' let two threads into critical sections over one object at once (CriticalSections must"
                + " exclude them): " + found);
    }

    @Override
    public String repr() {
        return "<" + type().pythonName() + " of " + size() + ">";
    }
}
