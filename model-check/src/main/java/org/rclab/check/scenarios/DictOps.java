package org.rclab.check.scenarios;

import org.rclab.check.Actors;
import org.rclab.check.Scenario;
import org.rclab.object.RcDict;
import org.rclab.object.RcObject;
import org.rclab.object.RcStr;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;

/**
 * One key of one dict: A and the owner each put a new value, B gets the value (and releases it).
 * Exactly one value must stay, held only by the dict; the replaced values must be freed; B must
 * have read a live value.
 */
public final class DictOps implements Scenario {
    @Override
    public String name() {
        return "dict-ops";
    }

    @Override
    public String property() {
        return "put ∥ put ∥ get of one key: one value stays with count 1, replaced values freed "
                + "once, the get returns a live value";
    }

    @Override
    public boolean unsafeMustFail() {
        return true;
    }

    @Override
    public void run(final RcRuntime rt) {
        final RcDict dict;
        final RcStr[] values;
        try (RuntimeThread owner = rt.attach()) {
            dict = rt.newDict();
            final RcStr key = rt.newStr("k");
            values = new RcStr[] {rt.newStr("v1"), rt.newStr("v2"), rt.newStr("v3")};
            dict.put(key, values[0]);
            rt.decref(values[0]);
            final Actors actors = new Actors(rt)
                    .start(a -> {
                        dict.put(key, values[1]);
                        rt.decref(values[1]);
                    })
                    .start(b -> {
                        final RcObject v = dict.get(key);
                        if (v.isFreed()) {
                            throw new AssertionError("use after free: get returned freed " + v.describe());
                        }
                        rt.decref(v);
                    });
            dict.put(key, values[2]);
            rt.decref(values[2]);
            actors.joinReleased(owner);
            owner.checkpoint();
            final RcObject kept = dict.get(key);
            rt.decref(kept);
            for (final RcStr v : values) {
                if (v == kept) {
                    Expect.count(rt, v, 1, "as the value the dict kept");
                } else {
                    Expect.freed(v, "once replaced");
                }
            }
            if (kept != values[1] && kept != values[2]) {
                throw new AssertionError("lost put: the dict still holds " + kept.describe());
            }
            rt.decref(key);
            rt.decref(dict);
        }
    }
}
