package org.rclab.stress.scenarios;

import org.rclab.heap.RefcountMisuseException;
import org.rclab.object.RcObject;
import org.rclab.runtime.RcRuntime;

/**
 * Reference operations over the batch of objects one sample races on. The two actors of a
 * sample start one cache-line transfer apart (a hundred nanoseconds or so, a dozen objects'
 * worth of operations), so if both walked the batch in the same order they would never touch
 * one object at the same instant. One walks it forwards and the other backwards
 * ({@link #decrefEachReversed}): the walks cross on some object whatever the lag. Misuse the
 * runtime detects is counted, not thrown: it is an outcome of the race, and one caught misuse
 * must not hide what happens to the other objects.
 */
public final class Batch {
    private Batch() {
    }

    /**
     * Makes mortal objects with one reference each, owned by the calling thread.
     *
     * @param runtime the runtime
     * @param size how many
     * @return the objects
     */
    public static RcObject[] newObjects(final RcRuntime runtime, final int size) {
        final RcObject[] objects = new RcObject[size];
        for (int i = 0; i < size; i++) {
            objects[i] = runtime.newStr("item");
        }
        return objects;
    }

    /**
     * Adds one reference to each object.
     *
     * @param runtime the runtime
     * @param objects the batch
     * @return how many increfs the runtime refused as misuse (use after free)
     */
    public static int increfEach(final RcRuntime runtime, final RcObject[] objects) {
        int misuse = 0;
        for (final RcObject o : objects) {
            try {
                runtime.incref(o);
            } catch (final RefcountMisuseException e) {
                misuse++;
            }
        }
        return misuse;
    }

    /**
     * Removes one reference from each object, freeing those whose count reaches zero.
     *
     * @param runtime the runtime
     * @param objects the batch
     * @return how many decrefs the runtime refused as misuse (over-release, double free)
     */
    public static int decrefEach(final RcRuntime runtime, final RcObject[] objects) {
        int misuse = 0;
        for (final RcObject o : objects) {
            try {
                runtime.decref(o);
            } catch (final RefcountMisuseException e) {
                misuse++;
            }
        }
        return misuse;
    }

    /**
     * Removes one reference from each object, walking the batch from its end.
     *
     * @param runtime the runtime
     * @param objects the batch
     * @return how many decrefs the runtime refused as misuse (over-release, double free)
     */
    public static int decrefEachReversed(final RcRuntime runtime, final RcObject[] objects) {
        int misuse = 0;
        for (int i = objects.length - 1; i >= 0; i--) {
            try {
                runtime.decref(objects[i]);
            } catch (final RefcountMisuseException e) {
                misuse++;
            }
        }
        return misuse;
    }

    /**
     * How many of the objects have been freed.
     *
     * @param objects the batch
     * @return the number freed
     */
    public static int countFreed(final RcObject[] objects) {
        int freed = 0;
        for (final RcObject o : objects) {
            if (o.isFreed()) {
                freed++;
            }
        }
        return freed;
    }
}
