package org.rclab.object;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.ConcurrentHashMap;

import org.rclab.runtime.RcRuntime;
import org.rclab.scheme.CriticalSection;

/**
 * A mutable mapping that owns one reference to each key and each value. Keys compare by value
 * (ints, strs, tuples of hashable items, the singletons); lists and dicts are unhashable, as in
 * Python.
 *
 * <p>Every change happens inside a critical section on the dict. The entries live in a
 * {@link ConcurrentHashMap} so that a lookup made without the lock, by a scheme that allows
 * lock-free reads, sees a consistent map; it then uses the same try-incref-and-recheck protocol
 * as {@link RcList#get}.
 */
public final class RcDict extends RcContainer {
    private final ConcurrentHashMap<RcObject, Entry> entries = new ConcurrentHashMap<>();
    /** The insertion number of the next new key; changed only inside the dict's critical section. */
    private long nextOrder;

    /**
     * One mapping; the stored key is kept so that removal can release the dict's own key, and
     * its insertion number so that {@link #snapshot()} keeps Python's insertion order.
     */
    private record Entry(RcObject key, RcObject value, long order) {
    }

    /**
     * Makes an empty dict; users call {@link RcRuntime#newDict()}.
     *
     * @param runtime the owning runtime
     */
    public RcDict(final RcRuntime runtime) {
        super(runtime);
    }

    /**
     * Whether an object can be used as a dict key.
     *
     * @param key a candidate key
     * @return {@code false} for lists, dicts and tuples holding them
     */
    public static boolean isHashable(final RcObject key) {
        switch (key.type()) {
            case LIST:
            case DICT:
                return false;
            case TUPLE:
                return ((RcTuple) key).isHashable();
            default:
                return true;
        }
    }

    /**
     * Maps a key to a value, taking new references to both (to the key only if it is new; an
     * existing equal key is kept, as in Python). A replaced value is released.
     *
     * @param key the key; the caller keeps its reference
     * @param value the value; the caller keeps its reference
     * @throws IllegalArgumentException if the key is unhashable
     */
    public void put(final RcObject key, final RcObject value) {
        runtime.checkUsable(this);
        runtime.checkUsable(key);
        runtime.checkUsable(value);
        requireHashable(key);
        final RcObject old;
        try (CriticalSection section = runtime.enter(this)) {
            runtime.incref(value);
            final Entry previous = entries.get(key);
            if (previous == null) {
                runtime.incref(key);
                entries.put(key, new Entry(key, value, nextOrder++));
                old = null;
            } else {
                entries.put(key, new Entry(previous.key(), value, previous.order()));
                old = previous.value();
            }
        }
        if (old != null) {
            runtime.decref(old);
        }
    }

    /**
     * Looks a key up and returns a new reference to its value.
     *
     * @param key the key
     * @return the value with a new reference the caller must decref, or {@code null} if absent
     */
    public RcObject get(final RcObject key) {
        runtime.checkUsable(this);
        requireHashable(key);
        if (runtime.lockFreeReads()) {
            final Entry entry = entries.get(key);
            if (entry == null) {
                return null;
            }
            // Each put stores a fresh Entry, so an unchanged Entry proves the value was still
            // mapped after the reference was taken.
            if (runtime.tryIncref(entry.value())) {
                if (entries.get(key) == entry) {
                    runtime.countLockFreeRead(true);
                    return entry.value();
                }
                runtime.decref(entry.value());
            }
            runtime.countLockFreeRead(false);
        }
        try (CriticalSection section = runtime.enter(this)) {
            final Entry entry = entries.get(key);
            if (entry == null) {
                return null;
            }
            runtime.incref(entry.value());
            return entry.value();
        }
    }

    /**
     * Removes a key, releasing the dict's reference to the key and handing its reference to the
     * value to the caller.
     *
     * @param key the key
     * @return the value, now owned by the caller, or {@code null} if absent
     */
    public RcObject remove(final RcObject key) {
        runtime.checkUsable(this);
        requireHashable(key);
        final Entry removed;
        try (CriticalSection section = runtime.enter(this)) {
            removed = entries.remove(key);
        }
        if (removed == null) {
            return null;
        }
        runtime.decref(removed.key());
        return removed.value();
    }

    /**
     * Copies every entry of another dict into this one, as Python's {@code dict.update}, inside
     * one two-object critical section over both dicts.
     *
     * @param other the dict to copy from
     */
    public void update(final RcDict other) {
        runtime.checkUsable(this);
        runtime.checkUsable(other);
        if (other == this) {
            return;
        }
        final ArrayDeque<RcObject> replaced = new ArrayDeque<>();
        try (CriticalSection section = runtime.enter(this, other)) {
            for (final Entry entry : other.entries.values()) {
                runtime.incref(entry.value());
                final Entry previous = entries.get(entry.key());
                if (previous == null) {
                    runtime.incref(entry.key());
                    entries.put(entry.key(), new Entry(entry.key(), entry.value(), nextOrder++));
                } else {
                    replaced.add(previous.value());
                    entries.put(previous.key(), new Entry(previous.key(), entry.value(), previous.order()));
                }
            }
        }
        for (final RcObject old : replaced) {
            runtime.decref(old);
        }
    }

    /**
     * Every entry in insertion order, as Python iterates a dict: keys at even indices, each
     * followed by its value, every one with a new reference the caller must release. Taken
     * inside the dict's critical section, so it is one consistent state of the dict.
     *
     * @return {@code [key0, value0, key1, value1, ...]}
     */
    public RcObject[] snapshot() {
        runtime.checkUsable(this);
        final Entry[] sorted;
        try (CriticalSection section = runtime.enter(this)) {
            sorted = entries.values().toArray(new Entry[0]);
            for (final Entry entry : sorted) {
                runtime.incref(entry.key());
                runtime.incref(entry.value());
            }
        }
        Arrays.sort(sorted, Comparator.comparingLong(Entry::order));
        final RcObject[] out = new RcObject[sorted.length * 2];
        for (int i = 0; i < sorted.length; i++) {
            out[2 * i] = sorted[i].key();
            out[2 * i + 1] = sorted[i].value();
        }
        return out;
    }

    /** Removes every entry, releasing the dict's references to keys and values. */
    public void clear() {
        runtime.checkUsable(this);
        final ArrayDeque<RcObject> released = new ArrayDeque<>();
        try (CriticalSection section = runtime.enter(this)) {
            takeReferences(released);
        }
        for (final RcObject ref : released) {
            runtime.decref(ref);
        }
    }

    @Override
    public int size() {
        return entries.size();
    }

    @Override
    public RcType type() {
        return RcType.DICT;
    }

    @Override
    public void takeReferences(final ArrayDeque<RcObject> out) {
        for (final Entry entry : entries.values()) {
            out.add(entry.key());
            out.add(entry.value());
        }
        entries.clear();
    }

    private static void requireHashable(final RcObject key) {
        if (!isHashable(key)) {
            throw new IllegalArgumentException("unhashable type: '" + key.type().pythonName() + "' ("
                    + key.describe() + ")");
        }
    }
}
