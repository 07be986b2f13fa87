package org.rclab.object;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.Arrays;

import org.rclab.heap.RefcountMisuseException;
import org.rclab.runtime.RcRuntime;
import org.rclab.scheme.CriticalSection;

/**
 * A mutable sequence that owns one reference to each item.
 *
 * <p>Every change happens inside a critical section on the list (a no-op for schemes that
 * serialise all threads some other way). Stores into the item array and of the array itself are
 * release stores, so a scheme that allows lock-free reads ({@link RcRuntime#lockFreeReads()})
 * can read an item with acquire loads, try to incref it, and check the slot still holds it; if
 * any step fails the read falls back to the locked path.
 *
 * <p>Reference rules: {@link #append} and {@link #set} take a new reference to the item (the
 * caller keeps its own); {@link #get} returns a new reference the caller must release;
 * {@link #pop} hands the list's reference to the caller.
 */
public final class RcList extends RcContainer {
    private static final VarHandle ITEMS;
    private static final VarHandle SIZE;
    private static final VarHandle ELEMENT = MethodHandles.arrayElementVarHandle(RcObject[].class);
    private static final int INITIAL_CAPACITY = 4;

    static {
        try {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            ITEMS = lookup.findVarHandle(RcList.class, "items", RcObject[].class);
            SIZE = lookup.findVarHandle(RcList.class, "size", int.class);
        } catch (final ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private RcObject[] items = new RcObject[INITIAL_CAPACITY];
    private int size;

    /**
     * Makes an empty list; users call {@link RcRuntime#newList()}.
     *
     * @param runtime the owning runtime
     */
    public RcList(final RcRuntime runtime) {
        super(runtime);
    }

    /**
     * Appends an item, taking a new reference to it.
     *
     * @param item the item; the caller keeps its own reference
     */
    public void append(final RcObject item) {
        runtime.checkUsable(this);
        runtime.checkUsable(item);
        try (CriticalSection section = runtime.enter(this)) {
            runtime.incref(item);
            appendOwned(item);
        } catch (final ArrayIndexOutOfBoundsException e) {
            throw broken("append", items, size, e);
        }
    }

    /**
     * Removes the last item and hands the list's reference to it to the caller.
     *
     * @return the item; the caller now owns the reference the list held
     * @throws IndexOutOfBoundsException if the list is empty
     */
    public RcObject pop() {
        runtime.checkUsable(this);
        try (CriticalSection section = runtime.enter(this)) {
            if (size == 0) {
                throw new IndexOutOfBoundsException("pop from empty list (" + describe() + ")");
            }
            final int last = size - 1;
            final RcObject item = items[last];
            if (item == null) {
                // The one check on a normal path: an empty slot would reach the caller silently.
                throw brokenPromise("pop found empty item slot " + last + " (size " + size + ")");
            }
            ELEMENT.setRelease(items, last, (RcObject) null);
            SIZE.setRelease(this, last);
            return item;
        } catch (final ArrayIndexOutOfBoundsException e) {
            throw broken("pop", items, size, e);
        }
    }

    /**
     * Reads an item and returns a new reference to it.
     *
     * @param index 0 ≤ index &lt; size
     * @return the item, with a new reference the caller must decref
     * @throws IndexOutOfBoundsException if the index is outside the list
     */
    public RcObject get(final int index) {
        runtime.checkUsable(this);
        if (runtime.lockFreeReads()) {
            final RcObject item = itemAcquire(index);
            // tryIncref fails on a dying object; the recheck proves the list still held the item
            // after our reference was taken, so the reference is to a live item of this list.
            if (item != null && runtime.tryIncref(item)) {
                if (itemAcquire(index) == item) {
                    runtime.countLockFreeRead(true);
                    return item;
                }
                runtime.decref(item);
            }
            runtime.countLockFreeRead(false);
        }
        try (CriticalSection section = runtime.enter(this)) {
            checkIndex(index);
            final RcObject item = items[index];
            runtime.incref(item);
            return item;
        } catch (final NullPointerException | ArrayIndexOutOfBoundsException e) {
            throw broken("get", items, size, e);
        }
    }

    /**
     * Replaces an item: takes a new reference to the new item and releases the old one.
     *
     * @param index 0 ≤ index &lt; size
     * @param item the new item; the caller keeps its own reference
     * @throws IndexOutOfBoundsException if the index is outside the list
     */
    public void set(final int index, final RcObject item) {
        runtime.checkUsable(this);
        runtime.checkUsable(item);
        final RcObject old;
        try (CriticalSection section = runtime.enter(this)) {
            checkIndex(index);
            runtime.incref(item);
            old = items[index];
            ELEMENT.setRelease(items, index, item);
        } catch (final ArrayIndexOutOfBoundsException e) {
            throw broken("set", items, size, e);
        }
        if (old == null) {
            throw brokenPromise("set found empty item slot " + index + " (size " + size + ")");
        }
        // Released after the section ends: freeing the old item never runs under this lock.
        runtime.decref(old);
    }

    /** Removes every item, releasing the list's references. */
    public void clear() {
        runtime.checkUsable(this);
        final RcObject[] old;
        final int oldSize;
        try (CriticalSection section = runtime.enter(this)) {
            old = items;
            oldSize = size;
            ITEMS.setRelease(this, new RcObject[INITIAL_CAPACITY]);
            SIZE.setRelease(this, 0);
        }
        try {
            for (int i = 0; i < oldSize; i++) {
                runtime.decref(old[i]);
            }
        } catch (final NullPointerException | ArrayIndexOutOfBoundsException e) {
            throw broken("clear", old, oldSize, e);
        }
    }

    /**
     * Appends every item of another list, as Python's {@code list.extend}. Both lists are locked
     * together in one two-object critical section, so the copy is a consistent snapshot of
     * {@code other} and no lock-order cycle can form.
     *
     * @param other the list to copy items from (may be this list)
     */
    public void extend(final RcList other) {
        runtime.checkUsable(this);
        runtime.checkUsable(other);
        try (CriticalSection section = runtime.enter(this, other)) {
            final int count = other.size;
            final RcObject[] source = other.items;
            try {
                for (int i = 0; i < count; i++) {
                    runtime.incref(source[i]);
                    appendOwned(source[i]);
                }
            } catch (final NullPointerException | ArrayIndexOutOfBoundsException e) {
                throw other.broken("extend", source, count, e);
            }
        }
    }

    @Override
    public int size() {
        return (int) SIZE.getAcquire(this);
    }

    @Override
    public RcType type() {
        return RcType.LIST;
    }

    @Override
    public void takeReferences(final ArrayDeque<RcObject> out) {
        try {
            for (int i = 0; i < size; i++) {
                out.add(items[i]);
            }
        } catch (final NullPointerException | ArrayIndexOutOfBoundsException e) {
            throw broken("free", items, size, e);
        }
        items = new RcObject[0];
        size = 0;
    }

    private void appendOwned(final RcObject item) {
        RcObject[] array = items;
        if (size >= array.length) {
            if (size > array.length) {
                throw brokenPromise("append found size " + size + " beyond capacity " + array.length);
            }
            array = Arrays.copyOf(array, array.length * 2);
            // Release: a lock-free reader that sees the new array sees its copied contents.
            ITEMS.setRelease(this, array);
        }
        ELEMENT.setRelease(array, size, item);
        SIZE.setRelease(this, size + 1);
    }

    private RcObject itemAcquire(final int index) {
        final RcObject[] array = (RcObject[]) ITEMS.getAcquire(this);
        if (index < 0 || index >= (int) SIZE.getAcquire(this) || index >= array.length) {
            return null;
        }
        return (RcObject) ELEMENT.getAcquire(array, index);
    }

    /**
     * Names the broken promise behind a state an operation stumbled on: a size beyond the
     * storage, or an empty slot below the size. Runs only after something already went wrong.
     *
     * @param op the operation, for the message
     * @param array the item array the operation used
     * @param n the size it used
     * @param e what the operation hit
     * @return the misuse to throw, caused by {@code e}; {@code e} itself if the list looks sound
     *         (the fault is elsewhere)
     */
    private RuntimeException broken(final String op, final RcObject[] array, final int n, final RuntimeException e) {
        final RefcountMisuseException found;
        if (n > array.length) {
            found = brokenPromise(op + " found size " + n + " beyond capacity " + array.length);
        } else {
            int empty = -1;
            for (int i = 0; i < n && empty < 0; i++) {
                if (array[i] == null) {
                    empty = i;
                }
            }
            if (empty < 0) {
                return e;
            }
            found = brokenPromise(op + " found empty item slot " + empty + " (size " + n + ")");
        }
        found.initCause(e);
        return found;
    }

    private void checkIndex(final int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(
                    "list index " + index + " out of range for " + describe() + " of size " + size);
        }
    }
}
