package org.rclab.check.scenarios;

import org.rclab.check.Actors;
import org.rclab.check.Scenario;
import org.rclab.object.RcList;
import org.rclab.object.RcObject;
import org.rclab.object.RcStr;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;

/**
 * One list changed by three threads: A appends, B pops (and releases what it popped), the owner
 * replaces item 0 and reads it back. Every item's count must afterwards equal the references to
 * it: one per slot of the list that holds it, none for an item no longer held (freed).
 */
public final class ListOps implements Scenario {
    @Override
    public String name() {
        return "list-ops";
    }

    @Override
    public String property() {
        return "append ∥ pop ∥ set + get on one list: length 2, every item's count equals the "
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
                    .start(b -> rt.decref(list.pop()));
            list.set(0, items[3]);
            rt.decref(items[3]);
            rt.decref(list.get(0));
            actors.joinReleased(owner);
            owner.checkpoint();
            if (list.size() != 2) {
                throw new AssertionError("lost item: list length " + list.size() + ", expected 2");
            }
            long held = 0;
            for (final RcStr item : items) {
                final long slots = slotsHolding(list, item);
                held += slots;
                if (slots == 0) {
                    Expect.freed(item, "once no slot holds it");
                } else {
                    Expect.count(rt, item, slots, "held by " + slots + " slot(s) of the list");
                }
            }
            if (held != 2) {
                throw new AssertionError("the list's 2 slots hold " + held + " of the items");
            }
            rt.decref(list);
        }
    }

    /** Reads the list's slots by identity, without taking references (every thread is joined). */
    private static long slotsHolding(final RcList list, final RcObject item) {
        long n = 0;
        for (int i = 0; i < list.size(); i++) {
            final RcObject slot = list.get(i);
            list.runtime().decref(slot);
            if (slot == item) {
                n++;
            }
        }
        return n;
    }
}
