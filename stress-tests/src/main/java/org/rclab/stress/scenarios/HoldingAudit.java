package org.rclab.stress.scenarios;

import java.util.IdentityHashMap;
import java.util.Map;

import org.rclab.object.RcDict;
import org.rclab.object.RcList;
import org.rclab.object.RcObject;
import org.rclab.runtime.RcRuntime;

/**
 * Checks containers after a race: finds every reference that exists (items of lists, keys and
 * values of dicts, references actors hold) and compares each object's count with the references
 * found. Runs in one thread after both actors are done, so it reads the containers through their
 * ordinary API. Reading a container takes and drops a reference to each item, so before it compares
 * counts the audit waits for the runtime to apply those changes too ({@link RcRuntime#quiesce()}:
 * under a scheme that applies them late, the get's increment may be applied and its release not
 * yet, and the count would read one high).
 */
final class HoldingAudit {
    private final RcRuntime runtime;
    private final Map<RcObject, Integer> found = new IdentityHashMap<>();
    private int badSlots;

    HoldingAudit(final RcRuntime runtime) {
        this.runtime = runtime;
    }

    /**
     * Counts the items the list holds. A slot that cannot be read (the list's storage was
     * corrupted: an empty slot inside its size) counts as a bad slot.
     *
     * @param list the list
     */
    void countList(final RcList list) {
        final int size = list.size();
        for (int i = 0; i < size; i++) {
            final RcObject item;
            try {
                item = list.get(i);
            } catch (final RuntimeException e) {
                badSlots++;
                continue;
            }
            found.merge(item, 1, Integer::sum);
            runtime.decref(item);
        }
    }

    /**
     * Counts the keys the dict holds among some candidates, and their values. A lookup that fails
     * counts as a bad slot.
     *
     * @param dict the dict
     * @param keys every key that may be in it (each a distinct object, so the stored key is it)
     */
    void countDict(final RcDict dict, final RcObject[] keys) {
        for (final RcObject key : keys) {
            final RcObject value;
            try {
                value = dict.get(key);
            } catch (final RuntimeException e) {
                badSlots++;
                continue;
            }
            if (value != null) {
                found.merge(key, 1, Integer::sum);
                found.merge(value, 1, Integer::sum);
                runtime.decref(value);
            }
        }
    }

    /**
     * Counts references held outside containers (popped items, the maker's own references);
     * {@code null} entries are skipped.
     *
     * @param held the references held
     */
    void countHeld(final RcObject... held) {
        for (final RcObject item : held) {
            if (item != null) {
                found.merge(item, 1, Integer::sum);
            }
        }
    }

    /**
     * How many of the expected objects were found nowhere.
     *
     * @param expected every object that should be held at least once
     * @return the number missing
     */
    int missing(final RcObject[]... expected) {
        int missing = 0;
        for (final RcObject[] batch : expected) {
            for (final RcObject item : batch) {
                if (!found.containsKey(item)) {
                    missing++;
                }
            }
        }
        return missing;
    }

    /**
     * How many found objects are freed or have a count different from the references found, plus
     * the bad slots.
     *
     * @return the number of wrong holdings
     */
    int wrong() {
        runtime.quiesce();
        int wrong = badSlots;
        for (final Map.Entry<RcObject, Integer> entry : found.entrySet()) {
            final RcObject item = entry.getKey();
            if (item.isFreed() || runtime.refcount(item) != entry.getValue()) {
                wrong++;
            }
        }
        return wrong;
    }

    /**
     * How many found objects have a count above the references found: a release was lost, and
     * they would never be freed.
     *
     * @return the number of objects counted too high
     */
    int countedHigh() {
        runtime.quiesce();
        int high = 0;
        for (final Map.Entry<RcObject, Integer> entry : found.entrySet()) {
            if (!entry.getKey().isFreed() && runtime.refcount(entry.getKey()) > entry.getValue()) {
                high++;
            }
        }
        return high;
    }

    /**
     * How many found objects are freed or have a count below the references found (they would
     * be freed while still referenced), plus the bad slots.
     *
     * @return the number of objects counted too low
     */
    int countedLow() {
        runtime.quiesce();
        int low = badSlots;
        for (final Map.Entry<RcObject, Integer> entry : found.entrySet()) {
            if (entry.getKey().isFreed() || runtime.refcount(entry.getKey()) < entry.getValue()) {
                low++;
            }
        }
        return low;
    }

    /**
     * How many found objects are held more than once, for races where each is held exactly once.
     *
     * @return the number held twice or more
     */
    int heldMoreThanOnce() {
        return (int) found.values().stream().filter(n -> n > 1).count();
    }
}
