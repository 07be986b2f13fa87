package org.rclab.check.scenarios;

import org.rclab.check.Actors;
import org.rclab.check.Scenario;
import org.rclab.object.RcList;
import org.rclab.object.RcObject;
import org.rclab.object.RcStr;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;

/**
 * A reader takes the item out of a list while a writer replaces it. The list holds the old item's
 * only reference, so the writer's replacement frees it. Under {@code brc} the reader's
 * {@code get} is the lock-free read: load the item, try-incref (fails on a dying object), recheck
 * that the list still holds it. The reader must get a live item (the old or the new) and never
 * resurrect the freed one; afterwards the old item is freed exactly once and the new one is held
 * by the list alone.
 */
public final class ReadReplace implements Scenario {
    @Override
    public String name() {
        return "read-replace";
    }

    @Override
    public String property() {
        return "lock-free get ∥ set replacing the only reference: the reader gets a live item, "
                + "the old item is freed exactly once, the new one has count 1";
    }

    @Override
    public boolean unsafeMustFail() {
        return true;
    }

    @Override
    public void run(final RcRuntime rt) {
        final RcStr old;
        final RcStr replacement;
        try (RuntimeThread owner = rt.attach()) {
            final RcList list = rt.newList();
            old = rt.newStr("old");
            replacement = rt.newStr("new");
            list.append(old);
            rt.decref(old);                         // the list holds old's only reference
            new Actors(rt)
                    .start(reader -> {
                        final RcObject got = list.get(0);
                        if (got.isFreed() || (got != old && got != replacement)) {
                            throw new AssertionError("use after free: the reader got " + got.describe());
                        }
                        rt.decref(got);
                    })
                    .start(writer -> {
                        list.set(0, replacement);
                        rt.decref(replacement);     // the list now holds its only reference
                    })
                    .joinReleased(owner);
            owner.checkpoint();
            Expect.freed(old, "once replaced and read");
            Expect.count(rt, replacement, 1, "held by the list alone");
            rt.decref(list);
        }
    }
}
