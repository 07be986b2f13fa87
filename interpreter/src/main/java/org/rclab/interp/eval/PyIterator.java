package org.rclab.interp.eval;

import java.util.ArrayDeque;

import org.rclab.object.RcContainer;
import org.rclab.object.RcList;
import org.rclab.object.RcObject;
import org.rclab.object.RcStr;
import org.rclab.object.RcTuple;
import org.rclab.object.RcType;
import org.rclab.runtime.RcRuntime;

/**
 * The iterator a {@code for} loop walks: over a range (no references held), a list, tuple or str
 * (holding a reference to it), or a snapshot of a dict's keys (holding a reference to each).
 */
public final class PyIterator extends RcContainer {
    private RcObject source;
    private RcObject[] snapshot;
    private long next;
    private final long stop;
    private final long step;

    private PyIterator(final RcRuntime runtime, final RcObject source, final RcObject[] snapshot,
                       final long start, final long stop, final long step) {
        super(runtime);
        this.source = source;
        this.snapshot = snapshot;
        this.next = start;
        this.stop = stop;
        this.step = step;
    }

    static PyIterator range(final RcRuntime rt, final long start, final long stop, final long step) {
        return rt.adopt(new PyIterator(rt, null, null, start, stop, step));
    }

    /** An iterator over a list, tuple or str; takes a new reference to it. */
    static PyIterator sequence(final RcRuntime rt, final RcObject seq) {
        rt.incref(seq);
        return rt.adopt(new PyIterator(rt, seq, null, 0, Long.MAX_VALUE, 1));
    }

    /** An iterator over items the caller hands over, one owned reference each. */
    static PyIterator snapshot(final RcRuntime rt, final RcObject[] items) {
        return rt.adopt(new PyIterator(rt, null, items, 0, items.length, 1));
    }

    /**
     * The next item with a new reference, or {@code null} when done.
     *
     * @param rt the runtime
     * @return the item or {@code null}
     */
    RcObject next(final RcRuntime rt) {
        if (source == null && snapshot == null) {
            if (step > 0 ? next >= stop : next <= stop) {
                return null;
            }
            final long v = next;
            next += step;
            return rt.newInt(v);
        }
        if (snapshot != null) {
            if (next >= snapshot.length) {
                return null;
            }
            final RcObject item = snapshot[(int) next];
            next++;
            rt.incref(item);
            return item;
        }
        if (source instanceof RcList list) {
            if (next >= list.size()) {
                return null;
            }
            return list.get((int) next++);
        }
        if (source instanceof RcTuple tuple) {
            if (next >= tuple.size()) {
                return null;
            }
            return tuple.get((int) next++);
        }
        final String s = ((RcStr) source).value();
        if (next >= s.length()) {
            return null;
        }
        return rt.newStr(String.valueOf(s.charAt((int) next++)));
    }

    @Override
    public int size() {
        return (source != null ? 1 : 0) + (snapshot != null ? snapshot.length : 0);
    }

    @Override
    public RcType type() {
        return RcType.OBJECT;
    }

    @Override
    public String typeName() {
        return source == null && snapshot == null ? "range_iterator" : "iterator";
    }

    @Override
    public void takeReferences(final ArrayDeque<RcObject> out) {
        if (source != null) {
            out.add(source);
            source = null;
        }
        if (snapshot != null) {
            for (final RcObject item : snapshot) {
                out.add(item);
            }
            snapshot = new RcObject[0];
        }
    }
}
