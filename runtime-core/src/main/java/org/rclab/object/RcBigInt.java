package org.rclab.object;

import java.math.BigInteger;

import org.rclab.runtime.RcRuntime;

/**
 * An {@link RcInt} whose value lies outside the {@code long} range, held as a
 * {@link BigInteger}. A class of its own so that the ints that fit in a {@code long}, nearly all
 * of them, do not carry the reference (see {@link RcInt}).
 */
public final class RcBigInt extends RcInt {
    private final BigInteger big;

    /**
     * Makes an int outside the {@code long} range; the runtime calls this, users call
     * {@link RcRuntime#newInt(BigInteger)}.
     *
     * @param runtime the owning runtime
     * @param big the value, which must not fit in a {@code long}
     * @throws IllegalArgumentException if the value fits in a {@code long}
     */
    public RcBigInt(final RcRuntime runtime, final BigInteger big) {
        super(runtime, 0, false);
        if (big.bitLength() < Long.SIZE) {
            throw new IllegalArgumentException(big + " fits in a long: make it with newInt(long)");
        }
        this.big = big;
    }

    /**
     * Refused: the value does not fit in a {@code long}.
     *
     * @throws ArithmeticException always
     */
    @Override
    public long value() {
        throw new ArithmeticException(big + " does not fit in a long");
    }

    @Override
    public boolean isBig() {
        return true;
    }

    @Override
    public BigInteger bigValue() {
        return big;
    }

    @Override
    public String repr() {
        return big.toString();
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof RcBigInt && big.equals(((RcBigInt) other).big);
    }

    @Override
    public int hashCode() {
        return big.hashCode();
    }
}
