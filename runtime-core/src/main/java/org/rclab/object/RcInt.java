package org.rclab.object;

import java.math.BigInteger;

import org.rclab.runtime.RcRuntime;

/**
 * An integer of any size. Made by {@link RcRuntime#newInt(long)}, which returns cached immortals
 * for -5..256, or {@link RcRuntime#newInt(BigInteger)}. A value that fits in a {@code long} is
 * held as one (the fast path of every arithmetic user); only larger values carry a
 * {@link BigInteger}, so each value has exactly one representation.
 */
public final class RcInt extends RcObject {
    /** Smallest value of the immortal small-int cache, as in CPython. */
    public static final int SMALL_MIN = -5;
    /** Largest value of the immortal small-int cache, as in CPython. */
    public static final int SMALL_MAX = 256;

    /**
     * Not {@code final}: the runtime reuses freed ints ({@link #reuse}). Written plainly, and
     * published with the object as every header field is (see there).
     */
    private long value;
    private final BigInteger big;

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
        this.big = null;
    }

    /**
     * Makes an int outside the {@code long} range; the runtime calls this, users call
     * {@link RcRuntime#newInt(BigInteger)}.
     *
     * @param runtime the owning runtime
     * @param big the value, which must not fit in a {@code long}
     * @throws IllegalArgumentException if the value fits in a {@code long}
     */
    public RcInt(final RcRuntime runtime, final BigInteger big) {
        super(runtime, false);
        if (big.bitLength() < Long.SIZE) {
            throw new IllegalArgumentException(big + " fits in a long: make it with newInt(long)");
        }
        this.value = 0;
        this.big = big;
    }

    /**
     * Makes this freed int a new one holding {@code value}: the runtime calls this when the
     * thread that freed it allocates an int again, strict checks and tracking off (as CPython's
     * release build hands a freed block to the next allocation of its size); the scheme's
     * {@link org.rclab.scheme.RefCounter#init} then gives it its first reference. Users call
     * {@link RcRuntime#newInt(long)}.
     *
     * <p>Why no other thread sees the reuse. Deallocation runs exactly once, after the last
     * reference was released, and the runtime's acquire fence before the free orders every
     * releaser's use of the object before it (see {@link org.rclab.scheme.RefCounter}); so a
     * correct program holds no reference to a freed object, and the stores here race with
     * nothing. The one reader that may still hold the address is a lock-free container read
     * ({@link org.rclab.scheme.RefCounter#tryIncref}): it finds the object freed, or zero counts
     * (refused), or the new object after its {@code init}, where a reference it takes is a real
     * one that its recheck keeps (the container holds the new object) or releases. Publication:
     * the new value and header are plain stores, ordered before another thread's reads by
     * whatever hands the object over (a container's release store, a lock, a queue, a thread
     * start), exactly as a new object's {@code init} stores are. Only a racy publication would
     * have needed {@code value} to be {@code final}, and the lab publishes nothing racily.
     *
     * @param value the new value, outside the small-int cache
     * @throws IllegalStateException if this int is not freed, or holds a {@link BigInteger}
     */
    public void reuse(final long value) {
        final int state = Header.statePlain(this);
        if (state != (Header.liveState(runtime) | STATE_FREED) || big != null) {
            throw new IllegalStateException("cannot reuse " + describe() + ": only a freed long-valued int is reused");
        }
        clearForReuse();
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
        if (big != null) {
            throw new ArithmeticException(big + " does not fit in a long");
        }
        return value;
    }

    /**
     * Whether the value lies outside the {@code long} range.
     *
     * @return {@code true} if only {@link #bigValue()} holds it
     */
    public boolean isBig() {
        return big != null;
    }

    /**
     * The value as a {@link BigInteger}, whatever its size.
     *
     * @return the value
     */
    public BigInteger bigValue() {
        return big != null ? big : BigInteger.valueOf(value);
    }

    @Override
    public RcType type() {
        return RcType.INT;
    }

    @Override
    public String repr() {
        return big != null ? big.toString() : Long.toString(value);
    }

    /** Ints are equal by value, so they work as dict keys as in Python. */
    @Override
    public boolean equals(final Object other) {
        if (!(other instanceof RcInt)) {
            return false;
        }
        final RcInt that = (RcInt) other;
        return big == null ? that.big == null && that.value == value : big.equals(that.big);
    }

    @Override
    public int hashCode() {
        return big != null ? big.hashCode() : Long.hashCode(value);
    }
}
