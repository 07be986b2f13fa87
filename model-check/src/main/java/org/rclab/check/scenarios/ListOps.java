package org.rclab.check.scenarios;

import java.util.Arrays;
import org.rclab.check.Actors;
import org.rclab.check.Scenario;
import org.rclab.object.RcList;
import org.rclab.object.RcObject;
import org.rclab.object.RcStr;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;

/**
 * One list changed by three threads: A appends, B replaces item 0, the owner pops (and releases
 * what it popped). Every item's count must afterwards equal the references to it: one per slot
 * of the list that holds it, none for an item no longer held (freed). (A get racing a set is
 * {@link ReadReplace}; the owner's gets after the join read the slots back.)
 *
 * <p>Why the owner pops: Lincheck tries every interleaving with one thread switch before any with
 * two, and with one switch it can only interrupt the calling thread (after the switch the other
 * threads run until they end or block). So a race that involves the calling thread's operation
 * is reached in that first, exhaustive level: for {@code unsafe} the owner's pop interrupted
 * between reading the size and writing it while A appends (7 interleavings). When the owner
 * replaced item 0 instead, which races with no other thread's count or slot, losing a count took
 * two switches (the owner to A, then A to B inside A's append or release), found by the seeded
 * random sampling of the two-switch level: 81 interleavings before the 56-byte int, 105 after.
 */
public final class ListOps implements Scenario {
    @Override
    public String name() {
        return "list-ops";
    }

    @Override
    public String property() {
        return "append ∥ set ∥ pop on one list: length 2, every item's count equals the "
                + "list's references to it, every dropped item freed once";
    }

    @Override
    public boolean unsafeMustFail() {
        return true;
    }

    @Override
    public void run(final RcRuntime rt) {
        final RcList list;
        final RcStr[] items;
        try (RuntimeThread owner = rt.attach()) {
            list = rt.newList();
            items = new RcStr[] {rt.newStr("a"), rt.newStr("b"), rt.newStr("c"), rt.newStr("d")};
            list.append(items[0]);
            list.append(items[1]);
            rt.decref(items[0]);
            rt.decref(items[1]);
            final Actors actors = new Actors(rt)
                    .start(a -> {
                        list.append(items[2]);
                        rt.decref(items[2]);           // the reference the owner made for A
                    })
                    .start(b -> {
                        list.set(0, items[3]);
                        rt.decref(items[3]);           // the reference the owner made for B
                    });
            rt.decref(list.pop());
            actors.joinReleased(owner);
            owner.checkpoint();
            if (list.size() != 2) {
                throw new AssertionError("lost item: list length " + list.size() + ", expected 2");
            }
            // Drain the list with pop, which hands over the list's reference without taking one:
            // a slot left empty by a race comes back as null instead of crashing an incref.
            final RcObject[] held = {list.pop(), list.pop()};
            for (final RcObject slot : held) {
                if (slot == null) {
                    throw new AssertionError("lost item: a slot inside the list holds nothing");
                }
            }
            for (final RcStr item : items) {
                final long slots = Arrays.stream(held).filter(slot -> slot == item).count();
                if (slots == 0) {
                    Expect.freed(item, "once no slot holds it");
                } else {
                    Expect.count(rt, item, slots, "held by " + slots + " slot(s) of the list");
                }
            }
            for (final RcObject slot : held) {
                rt.decref(slot);
            }
            rt.decref(list);
        }
    }
}
