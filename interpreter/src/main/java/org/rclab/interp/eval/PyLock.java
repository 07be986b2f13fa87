package org.rclab.interp.eval;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.rclab.interp.eval.Builtins.Args;
import org.rclab.object.RcObject;
import org.rclab.object.RcType;
import org.rclab.runtime.RcRuntime;

/**
 * {@code threading.Lock}: a binary semaphore (any thread may release it, as in Python). A blocking
 * acquire waits released, so the holder of a GIL can run while this thread waits.
 */
final class PyLock extends RcObject {
    private final Semaphore permit = new Semaphore(1);

    PyLock(final RcRuntime runtime) {
        super(runtime, false);
    }

    RcObject method(final Eval ev, final String name, final RcObject[] a, final String[] kn, final RcObject[] kv) {
        final RcRuntime rt = ev.runtime();
        switch (name) {
            case "acquire": {
                Args.check("acquire", a, kn, 0, 2, "blocking", "timeout");
                final RcObject blockingArg = a.length > 0 ? a[0] : Args.keyword(kn, kv, "blocking");
                final RcObject timeoutArg = a.length > 1 ? a[1] : Args.keyword(kn, kv, "timeout");
                final boolean blocking = blockingArg == null || Values.isTrue(blockingArg);
                final double timeout = timeoutArg == null ? -1 : Values.doubleOf(timeoutArg);
                if (permit.tryAcquire()) {
                    return rt.bool(true);
                }
                if (!blocking) {
                    return rt.bool(false);
                }
                final boolean got = Eval.released(ev.thread(), () -> {
                    if (timeout < 0) {
                        permit.acquire();
                        return true;
                    }
                    return permit.tryAcquire((long) (timeout * 1e9), TimeUnit.NANOSECONDS);
                });
                return rt.bool(got);
            }
            case "release":
                Args.check("release", a, kn, 0, 0);
                if (permit.availablePermits() > 0) {
                    throw new PyException("RuntimeError", "release unlocked lock");
                }
                permit.release();
                return rt.none();
            case "locked":
                Args.check("locked", a, kn, 0, 0);
                return rt.bool(permit.availablePermits() == 0);
            default:
                throw Methods.noAttribute(this, name);
        }
    }

    @Override
    public RcType type() {
        return RcType.OBJECT;
    }

    @Override
    public String typeName() {
        return "lock";
    }

    @Override
    public String repr() {
        return "<" + (permit.availablePermits() == 0 ? "locked" : "unlocked") + " _thread.lock object>";
    }
}
