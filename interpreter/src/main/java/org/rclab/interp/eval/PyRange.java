package org.rclab.interp.eval;

import org.rclab.object.RcObject;
import org.rclab.object.RcType;
import org.rclab.runtime.RcRuntime;

/** A {@code range(start, stop, step)}: a counted object holding three numbers and no references. */
public final class PyRange extends RcObject {
    final long start;
    final long stop;
    final long step;

    PyRange(final RcRuntime runtime, final long start, final long stop, final long step) {
        super(runtime, false);
        this.start = start;
        this.stop = stop;
        this.step = step;
    }

    long length() {
        if (step > 0) {
            return stop <= start ? 0 : (stop - start + step - 1) / step;
        }
        return stop >= start ? 0 : (start - stop - step - 1) / -step;
    }

    @Override
    public RcType type() {
        return RcType.OBJECT;
    }

    @Override
    public String typeName() {
        return "range";
    }

    @Override
    public String repr() {
        return "range(" + start + ", " + stop + (step == 1 ? "" : ", " + step) + ")";
    }
}
