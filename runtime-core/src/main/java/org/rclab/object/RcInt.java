package org.rclab.object;

import java.math.BigInteger;

import org.rclab.runtime.RcRuntime;

/**
 * An integer of any size. Made by {@link RcRuntime#newInt(long)}, which returns cached immortals
 * for -5..256, or {@link RcRuntime#newInt(BigInteger)}. A value that fits in a {@code long} is
 * held as one (the fast path of every arithmetic user); only larger values are an
 * {@link RcBigInt}, which carries a {@link BigInteger}, so each value has exactly one
 * representation. The {@code BigInteger} lives in the subclass so that this class holds one
 * {@code long} after the header: 56 bytes with compressed oops (see {@link RcObject}).
 */
public sealed class RcInt extends RcObject permits RcBigInt {
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
     * The value, if it fits in a {@code long} (see {@link #isBig()}).
     *
     * @return the value
     * @throws ArithmeticException if the value does not fit in a {@code long}
     */
    public long value() {
        return value;
    }

    /**
     * Whether the value lies outside the {@code long} range.
     *
     * @return {@code true} if only {@link #bigValue()} holds it
     */
    public boolean isBig() {
        return false;
    }

    /**
     * The value as a {@link BigInteger}, whatever its size.
     *
     * @return the value
     */
    public BigInteger bigValue() {
        return BigInteger.valueOf(value);
    }

    @Override
    public final RcType type() {
        return RcType.INT;
    }

    @Override
    public String repr() {
        return Long.toString(value);
    }

    /** Ints are equal by value, so they work as dict keys as in Python. */
    @Override
    public boolean equals(final Object other) {
        if (!(other instanceof RcInt)) {
            return false;
        }
        final RcInt that = (RcInt) other;
        return !that.isBig() && that.value == value;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(value);
    }
}
