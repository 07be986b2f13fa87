package org.rclab.interp.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

import org.rclab.interp.eval.Builtins.Args;
import org.rclab.object.RcList;
import org.rclab.object.RcObject;
import org.rclab.object.RcType;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;

/**
 * {@code multiprocessing.Pool}: workers that stand in for processes. Each worker is a thread with
 * a runtime of its own (under {@code gil}, its own lock), which loads the program as
 * {@code multiprocessing}'s spawn start method does (the main module run again under the name
 * {@code __mp_main__}, so code guarded by {@code if __name__ == '__main__':} does not run), then
 * takes tasks from a queue. A task names its function by its module-level name and carries its
 * arguments and result as runtime-free copies, as pickle does between processes.
 */
final class PyPool extends RcObject {
    private static final Task STOP = new Task(null, null, null);

    private final Interpreter interp;
    private final LinkedBlockingQueue<Task> tasks = new LinkedBlockingQueue<>();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean closed;

    private record Task(String function, Object[] args, CompletableFuture<Object> result) {
    }

    private PyPool(final Interpreter interp) {
        super(interp.runtime(), false);
        this.interp = interp;
    }

    /** {@code Pool(processes=None)}. */
    static RcObject construct(final Eval ev, final RcObject[] a, final String[] kn, final RcObject[] kv) {
        Args.check("Pool", a, kn, 0, 1, "processes");
        final Interpreter interp = ev.interpreter();
        if (interp.bootstrapping()) {
            throw new PyException("RuntimeError", "An attempt has been made to start a new process before the "
                    + "current process has finished its bootstrapping phase. (Guard the main module's code with "
                    + "if __name__ == '__main__':)");
        }
        final RcObject processes = a.length == 1 ? a[0] : Args.keyword(kn, kv, "processes");
        final long n = processes == null || processes == ev.runtime().none()
                ? Runtime.getRuntime().availableProcessors() : Values.asIndex(processes, "processes");
        if (n < 1) {
            throw new PyException("ValueError", "Number of processes must be at least 1");
        }
        final PyPool pool = ev.runtime().adopt(new PyPool(interp));
        for (int i = 1; i <= n; i++) {
            final int number = i;
            final Thread worker = Interpreter.newThread(() -> pool.work(number), "SpawnPoolWorker-" + number);
            pool.workers.add(worker);
            worker.start();
        }
        interp.created(pool);
        return pool;
    }

    /** A worker: its own runtime, the program loaded as {@code __mp_main__}, then tasks until STOP. */
    private void work(final int number) {
        final RcRuntime rt = interp.workerRuntimes().get();
        try {
            try (RuntimeThread self = rt.attach()) {
                final Interpreter child = new Interpreter(rt, interp.program(), "__mp_main__", interp.out(),
                        interp.err(), interp.workerRuntimes(), interp.workerLeaks());
                final Eval ev = new Eval(child, self);
                PyException loadError = null;
                try {
                    child.runAsWorker(ev);
                } catch (final PyException e) {
                    loadError = e;
                    child.report("Process SpawnPoolWorker-" + number + ":\n" + e.render());
                }
                while (true) {
                    final Task task = Eval.released(self, tasks::take);
                    if (task == STOP) {
                        break;
                    }
                    if (loadError != null) {
                        task.result().completeExceptionally(loadError);
                        continue;
                    }
                    run(ev, child, task);
                }
                child.shutdown(self);
            }
            rt.quiesce();
            final long live = rt.heap().live();
            if (live != 0) {
                interp.workerLeaks().addAndGet(live);
                interp.report("rclab: pool worker " + number + " left " + rt.heap().leakReport().render() + "\n");
            }
        } finally {
            rt.close();
        }
    }

    private static void run(final Eval ev, final Interpreter child, final Task task) {
        final RcRuntime rt = ev.runtime();
        final List<RcObject> held = new ArrayList<>();
        try {
            final RcObject fn = child.lookupFunction(task.function());
            held.add(fn);
            final RcObject[] args = new RcObject[task.args().length];
            for (int i = 0; i < args.length; i++) {
                args[i] = Values.importValue(rt, task.args()[i]);
                held.add(args[i]);
            }
            final RcObject result = ev.call(fn, args);
            held.add(result);
            task.result().complete(Values.export(result));
        } catch (final PyException e) {
            task.result().completeExceptionally(e);
        } finally {
            Values.release(rt, held);
        }
    }

    RcObject method(final Eval ev, final String name, final RcObject[] a, final String[] kn, final RcObject[] kv) {
        final RcRuntime rt = ev.runtime();
        switch (name) {
            case "apply_async": {
                Args.check("apply_async", a, kn, 1, 2, "args");
                final RcObject args = a.length == 2 ? a[1] : Args.keyword(kn, kv, "args");
                return submit(ev, a[0], args);
            }
            case "apply": {
                Args.check("apply", a, kn, 1, 2, "args");
                final PyAsyncResult r = submit(ev, a[0], a.length == 2 ? a[1] : Args.keyword(kn, kv, "args"));
                try {
                    return r.get(ev);
                } finally {
                    rt.decref(r);
                }
            }
            case "map": {
                Args.check("map", a, kn, 2, 2);
                final List<RcObject> items = Builtins.iterate(ev, a[1]);
                final List<PyAsyncResult> pending = new ArrayList<>();
                final RcList out = rt.newList();
                try {
                    for (final RcObject item : items) {
                        final RcObject one = rt.newTuple(item);
                        try {
                            pending.add(submit(ev, a[0], one));
                        } finally {
                            rt.decref(one);
                        }
                    }
                    for (final PyAsyncResult r : pending) {
                        final RcObject v = r.get(ev);
                        out.append(v);
                        rt.decref(v);
                    }
                    return out;
                } catch (final PyException e) {
                    rt.decref(out);
                    throw e;
                } finally {
                    Values.release(rt, items);
                    for (final PyAsyncResult r : pending) {
                        rt.decref(r);
                    }
                }
            }
            case "close":
                Args.check("close", a, kn, 0, 0);
                close();
                return rt.none();
            case "join":
                Args.check("join", a, kn, 0, 0);
                if (!closed) {
                    throw new PyException("ValueError", "Pool is still running");
                }
                joinReleased(ev.thread());
                return rt.none();
            default:
                throw Methods.noAttribute(this, name);
        }
    }

    private PyAsyncResult submit(final Eval ev, final RcObject function, final RcObject args) {
        if (closed) {
            throw new PyException("ValueError", "Pool not running");
        }
        if (!(function instanceof PyFunction fn)) {
            throw PyException.typeError("the rclab subset sends only module-level functions to a pool, not '"
                    + function.typeName() + "'");
        }
        final Object[] exported;
        if (args == null || args == ev.runtime().none()) {
            exported = new Object[0];
        } else {
            final List<RcObject> items = Builtins.iterate(ev, args);
            try {
                exported = new Object[items.size()];
                for (int i = 0; i < exported.length; i++) {
                    exported[i] = Values.export(items.get(i));
                }
            } finally {
                Values.release(ev.runtime(), items);
            }
        }
        final CompletableFuture<Object> future = new CompletableFuture<>();
        tasks.add(new Task(fn.name(), exported, future));
        return ev.runtime().adopt(new PyAsyncResult(ev.runtime(), future));
    }

    private void close() {
        if (!closed) {
            closed = true;
            for (int i = 0; i < workers.size(); i++) {
                tasks.add(STOP);
            }
        }
    }

    private void joinReleased(final RuntimeThread self) {
        for (final Thread worker : workers) {
            Eval.released(self, () -> {
                worker.join();
                return null;
            });
        }
    }

    /** At program end: a pool never closed is closed, and its workers are waited for. */
    void shutdown(final RuntimeThread self) {
        close();
        joinReleased(self);
    }

    @Override
    public RcType type() {
        return RcType.OBJECT;
    }

    @Override
    public String typeName() {
        return "Pool";
    }

    @Override
    public String repr() {
        return "<multiprocessing.pool.Pool state=" + (closed ? "CLOSE" : "RUN") + " pool_size=" + workers.size() + ">";
    }
}
