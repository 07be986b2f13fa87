package org.rclab.object;

import org.rclab.runtime.RcRuntime;

/** A double-precision float. Made by {@link RcRuntime#newFloat(double)}; never cached. */
public final class RcFloat extends RcObject {
    private final double value;

    /**
     * Makes a float; the runtime calls this, users call {@link RcRuntime#newFloat(double)}.
     *
     * @param runtime the owning runtime
     * @param value the value
     */
    public RcFloat(final RcRuntime runtime, final double value) {
        super(runtime, false);
        this.value = value;
    }

    /**
     * The value.
     *
     * @return the value
     */
    public double value() {
        return value;
    }

    @Override
    public RcType type() {
        return RcType.FLOAT;
    }

    @Override
    public String repr() {
        return Double.toString(value);
    }

    /** Floats are equal by value (as Python's {@code ==}, so {@code nan} equals nothing). */
    @Override
    public boolean equals(final Object other) {
        return other instanceof RcFloat && ((RcFloat) other).value == value;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(value);
    }
}
