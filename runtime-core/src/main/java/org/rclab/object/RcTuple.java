package org.rclab.object;

import java.util.ArrayDeque;
import java.util.Arrays;

import org.rclab.runtime.RcRuntime;

/**
 * An immutable sequence. It owns one reference to each item from creation until it is freed;
 * no lock is needed to read it, because nothing changes it.
 */
public final class RcTuple extends RcContainer {
    private RcObject[] items;

    /**
     * Makes a tuple that takes over references the caller already owns; users call
     * {@link RcRuntime#newTuple(RcObject...)}, which increfs the items first.
     *
     * @param runtime the owning runtime
     * @param items the items, one owned reference each
     */
    public RcTuple(final RcRuntime runtime, final RcObject[] items) {
        super(runtime);
        this.items = items;
    }

    /**
     * Reads an item and returns a new reference to it; the caller must decref it.
     *
     * @param index 0 ≤ index &lt; size
     * @return the item, with one new reference owned by the caller
     */
    public RcObject get(final int index) {
        runtime.checkUsable(this);
        final RcObject item = items[index];
        runtime.incref(item);
        return item;
    }

    @Override
    public int size() {
        return items.length;
    }

    @Override
    public RcType type() {
        return RcType.TUPLE;
    }

    @Override
    public void takeReferences(final ArrayDeque<RcObject> out) {
        for (final RcObject item : items) {
            out.add(item);
        }
        items = new RcObject[0];
    }

    /** Tuples are equal by their items, so they work as dict keys as in Python. */
    @Override
    public boolean equals(final Object other) {
        return other instanceof RcTuple && Arrays.equals(((RcTuple) other).items, items);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(items);
    }

    /**
     * Whether this tuple can be a dict key: every item is of a hashable type.
     *
     * @return {@code false} if any item, at any depth, is a list or a dict
     */
    public boolean isHashable() {
        for (final RcObject item : items) {
            if (!RcDict.isHashable(item)) {
                return false;
            }
        }
        return true;
    }
}
