package org.rclab.brc;

/**
 * The encoding of the shared word in the object header: {@code (count << 2) | flags}, as in
 * CPython's {@code ob_ref_shared}.
 *
 * <p>The count is signed: non-owners may release references the owner took, so the shared part
 * alone can go below zero (only after the object has been queued; see {@link BrcScheme}). The
 * shift is arithmetic, so {@code count(word)} is correct for negative words too: {@code -2} is
 * count {@code -1} with the {@link #QUEUED} flag.
 *
 * <p>The flags only ever move upward, {@link #DEFAULT} &lt; {@link #MAYBE_WEAKREF} &lt;
 * {@link #QUEUED} &lt; {@link #MERGED}; that is what lets a decision taken on one value of the word
 * (queue it, free it) stay valid.
 */
final class SharedWord {
    /** How far the count is shifted left: the two low bits hold the flags. */
    static final int SHIFT = 2;
    /** One reference, as an amount to add to or subtract from the word. */
    static final long ONE = 1L << SHIFT;
    /** Mask of the flag bits. */
    static final long FLAG_MASK = ONE - 1;

    /** No flag: the owner is alive as far as this word says, nothing queued, nothing merged. */
    static final long DEFAULT = 0;
    /**
     * The object may be reached through a weak reference, so the owner must not free it at once
     * when its shared word is zero, and a try-incref may revive it. The lab has no weak
     * references and never sets this flag; the state machine still honours it, as CPython's does,
     * so that the transitions are the whole of that design.
     */
    static final long MAYBE_WEAKREF = 1;
    /** A non-owner queued the object to its owner for a merge; the queue holds one reference. */
    static final long QUEUED = 2;
    /**
     * The owner's local count has been folded into the shared word and the owner field cleared:
     * from now on every thread counts on the shared word alone. The word {@code MERGED} itself
     * (count zero, merged) means the object is dead.
     */
    static final long MERGED = 3;

    private SharedWord() {
    }

    /**
     * The count part of a shared word.
     *
     * @param word a shared word
     * @return the signed count
     */
    static long count(final long word) {
        return word >> SHIFT;
    }

    /**
     * The flag part of a shared word.
     *
     * @param word a shared word
     * @return one of {@link #DEFAULT}, {@link #MAYBE_WEAKREF}, {@link #QUEUED}, {@link #MERGED}
     */
    static long flags(final long word) {
        return word & FLAG_MASK;
    }

    /**
     * Builds a shared word.
     *
     * @param count the signed count
     * @param flags the flags
     * @return {@code (count << 2) | flags}
     */
    static long of(final long count, final long flags) {
        return (count << SHIFT) | flags;
    }
}
