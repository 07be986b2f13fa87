package org.rclab.object;

import org.rclab.runtime.RcRuntime;

/** An immutable string. */
public final class RcStr extends RcObject {
    private final String value;

    /**
     * Makes a str; the runtime calls this, users call {@link RcRuntime#newStr(String)}.
     *
     * @param runtime the owning runtime
     * @param value the value, not {@code null}
     */
    public RcStr(final RcRuntime runtime, final String value) {
        super(runtime, false);
        if (value == null) {
            throw new NullPointerException("str value");
        }
        this.value = value;
    }

    /**
     * The value.
     *
     * @return the value
     */
    public String value() {
        return value;
    }

    @Override
    public RcType type() {
        return RcType.STR;
    }

    @Override
    public String repr() {
        return "'" + value + "'";
    }

    /** Strs are equal by value, so they work as dict keys as in Python. */
    @Override
    public boolean equals(final Object other) {
        return other instanceof RcStr && ((RcStr) other).value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
