package org.rclab.object;

import org.rclab.runtime.RcRuntime;

/** An integer. Made by {@link RcRuntime#newInt(long)}, which returns cached immortals for -5..256. */
public final class RcInt extends RcObject {
    /** Smallest value of the immortal small-int cache, as in CPython. */
    public static final int SMALL_MIN = -5;
    /** Largest value of the immortal small-int cache, as in CPython. */
    public static final int SMALL_MAX = 256;

    private final long value;

    /**
     * Makes an int; the runtime calls this, users call {@link RcRuntime#newInt(long)}.
     *
     * @param runtime the owning runtime
     * @param value the value
     * @param immortal whether it belongs to the small-int cache
     */
    public RcInt(final RcRuntime runtime, final long value, final boolean immortal) {
        super(runtime, immortal);
        this.value = value;
    }

    /**
     * Whether a value is served from the immortal small-int cache.
     *
     * @param value a value
     * @return {@code true} for -5..256
     */
    public static boolean isSmall(final long value) {
        return value >= SMALL_MIN && value <= SMALL_MAX;
    }

    /**
     * The value.
     *
     * @return the value
     */
    public long value() {
        return value;
    }

    @Override
    public RcType type() {
        return RcType.INT;
    }

    @Override
    public String repr() {
        return Long.toString(value);
    }

    /** Ints are equal by value, so they work as dict keys as in Python. */
    @Override
    public boolean equals(final Object other) {
        return other instanceof RcInt && ((RcInt) other).value == value;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(value);
    }
}
