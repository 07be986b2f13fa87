package org.rclab.interp.eval;

import java.util.concurrent.CompletableFuture;

import org.rclab.interp.eval.Builtins.Args;
import org.rclab.object.RcObject;
import org.rclab.object.RcType;
import org.rclab.runtime.RcRuntime;

/**
 * {@code multiprocessing.pool.AsyncResult}: the future result of a task run by a pool worker, held
 * as the runtime-free copy the worker exported (what pickle would carry back over a pipe).
 */
final class PyAsyncResult extends RcObject {
    private final CompletableFuture<Object> result;

    PyAsyncResult(final RcRuntime runtime, final CompletableFuture<Object> result) {
        super(runtime, false);
        this.result = result;
    }

    /** Waits released for the result and rebuilds it in the caller's runtime (a new reference). */
    RcObject get(final Eval ev) {
        final Object value = Eval.released(ev.thread(), result::get);
        return Values.importValue(ev.runtime(), value);
    }

    RcObject method(final Eval ev, final String name, final RcObject[] a, final String[] kn, final RcObject[] kv) {
        final RcRuntime rt = ev.runtime();
        switch (name) {
            case "get":
                Args.check("get", a, kn, 0, 0);
                return get(ev);
            case "wait":
                Args.check("wait", a, kn, 0, 0);
                Eval.released(ev.thread(), () -> result.handle((v, e) -> null).get());
                return rt.none();
            case "ready":
                Args.check("ready", a, kn, 0, 0);
                return rt.bool(result.isDone());
            case "successful":
                Args.check("successful", a, kn, 0, 0);
                if (!result.isDone()) {
                    throw new PyException("ValueError", "result is not ready");
                }
                return rt.bool(!result.isCompletedExceptionally());
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
        return "ApplyResult";
    }

    @Override
    public String repr() {
        return "<multiprocessing.pool.ApplyResult object>";
    }
}
