package org.rclab.stress.scenarios;

import java.util.IdentityHashMap;
import java.util.Map;

import org.rclab.object.RcList;
import org.rclab.object.RcObject;
import org.rclab.runtime.RcRuntime;

/**
 * Checks a list after a race: every item that should be held is held exactly once (by the list
 * or by whoever popped it), and every item's count equals the references found. Runs in one
 * thread after both actors are done, so it reads the list through its ordinary API.
 */
final class ListAudit {
    private final RcRuntime runtime;
    private final Map<RcObject, Integer> found = new IdentityHashMap<>();
    private int badSlots;

    ListAudit(final RcRuntime runtime) {
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
     * Counts items held outside the list (popped ones); {@code null} entries are pops that
     * failed and are skipped.
     *
     * @param held the references held
     */
    void countHeld(final RcObject[] held) {
        for (final RcObject item : held) {
            if (item != null) {
                found.merge(item, 1, Integer::sum);
            }
        }
    }

    /**
     * How many of the expected items were found nowhere.
     *
     * @param expected every item that should be held once
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
     * How many found items are held more than once, or have a count different from the
     * references found, plus the bad slots.
     *
     * @return the number of wrong holdings
     */
    int wrong() {
        int wrong = badSlots;
        for (final Map.Entry<RcObject, Integer> entry : found.entrySet()) {
            final RcObject item = entry.getKey();
            if (entry.getValue() != 1 || item.isFreed() || runtime.refcount(item) != 1) {
                wrong++;
            }
        }
        return wrong;
    }
}
