package org.rclab.interp.eval;

import java.util.ArrayDeque;
import java.util.List;

import org.rclab.interp.eval.Builtins.Args;
import org.rclab.object.RcContainer;
import org.rclab.object.RcDict;
import org.rclab.object.RcObject;
import org.rclab.object.RcStr;
import org.rclab.object.RcType;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;
import org.rclab.scheme.Scheme;
import org.rclab.scheme.Schemes;

/**
 * {@code threading.Thread}: a Java thread attached to the program's runtime, running the target
 * with its own evaluator. The running thread holds a reference to its Thread object until it
 * ends. An exception in the target is reported as {@code threading.excepthook} reports it, and
 * the program goes on.
 */
final class PyThread extends RcContainer {
    private final Interpreter interp;
    private final String name;
    private RcObject target;
    private RcObject args;
    private RcObject kwargs;
    private volatile Thread thread;

    private PyThread(final Interpreter interp, final String name, final RcObject target, final RcObject args,
                     final RcObject kwargs) {
        super(interp.runtime());
        this.interp = interp;
        this.name = name;
        this.target = target;
        this.args = args;
        this.kwargs = kwargs;
    }

    /** {@code Thread(group=None, target=None, name=None, args=(), kwargs=None, *, daemon=None)}. */
    static RcObject construct(final Eval ev, final RcObject[] a, final String[] kn, final RcObject[] kv) {
        Args.check("Thread", a, kn, 0, 5, "group", "target", "name", "args", "kwargs", "daemon");
        final RcRuntime rt = ev.runtime();
        final RcObject target = argument(a, kn, kv, 1, "target", rt.none());
        final RcObject nameArg = argument(a, kn, kv, 2, "name", rt.none());
        final RcObject args = argument(a, kn, kv, 3, "args", null);
        final RcObject kwargs = argument(a, kn, kv, 4, "kwargs", rt.none());
        final RcObject daemon = argument(a, kn, kv, 5, "daemon", rt.none());
        if (daemon != rt.none() && Values.isTrue(daemon)) {
            throw new PyException("ValueError", "daemon threads are outside the rclab subset");
        }
        if (kwargs != rt.none() && !(kwargs instanceof RcDict)) {
            throw PyException.typeError("Thread() kwargs must be a dict");
        }
        final int number = ev.interpreter().nextThreadNumber();
        final String name = nameArg != rt.none() ? Values.str(nameArg)
                : "Thread-" + number + (target instanceof PyFunction fn ? " (" + fn.name() + ")" : "");
        final RcObject argsTuple;
        if (args == null) {
            argsTuple = rt.newTuple();
        } else {
            final List<RcObject> items = Builtins.iterate(ev, args);
            argsTuple = Values.tupleOwning(rt, items.toArray(new RcObject[0]));
        }
        rt.incref(target);
        rt.incref(kwargs);
        return rt.adopt(new PyThread(ev.interpreter(), name, target, argsTuple, kwargs));
    }

    private static RcObject argument(final RcObject[] a, final String[] kn, final RcObject[] kv, final int position,
                                     final String name, final RcObject fallback) {
        final RcObject byName = Args.keyword(kn, kv, name);
        if (position < a.length) {
            if (byName != null) {
                throw PyException.typeError("Thread() got multiple values for argument '" + name + "'");
            }
            return a[position];
        }
        return byName != null ? byName : fallback;
    }

    RcObject method(final Eval ev, final String method, final RcObject[] a, final String[] kn, final RcObject[] kv) {
        final RcRuntime rt = ev.runtime();
        switch (method) {
            case "start":
                Args.check("start", a, kn, 0, 0);
                start();
                return rt.none();
            case "join":
                Args.check("join", a, kn, 0, 1, "timeout");
                if (a.length == 1 || kn.length == 1) {
                    throw new PyException("ValueError", "join(timeout) is outside the rclab subset");
                }
                if (thread == null) {
                    throw new PyException("RuntimeError", "cannot join thread before it is started");
                }
                if (thread == Thread.currentThread()) {
                    throw new PyException("RuntimeError", "cannot join current thread");
                }
                joinReleased(ev.thread());
                return rt.none();
            case "is_alive":
                Args.check("is_alive", a, kn, 0, 0);
                return rt.bool(thread != null && thread.isAlive());
            default:
                throw Methods.noAttribute(this, method);
        }
    }

    private void start() {
        if (thread != null) {
            throw new PyException("RuntimeError", "threads can only be started once");
        }
        final RcRuntime rt = runtime();
        if (!rt.scheme().threadSafe()) {
            throw new PyException("RuntimeError", "Thread.start() refused: scheme '" + rt.scheme().name()
                    + "' is not thread-safe, so it runs single-threaded programs only; run this program under "
                    + "a thread-safe scheme (" + String.join(", ", Schemes.discover().stream()
                            .filter(Scheme::threadSafe).map(Scheme::name).toList()) + ")");
        }
        // The running thread's own reference, released when it ends.
        rt.incref(this);
        thread = Interpreter.newThread(this::body, name);
        interp.started(this);
        thread.start();
    }

    private void body() {
        final RcRuntime rt = runtime();
        try (RuntimeThread self = rt.attach()) {
            final Eval ev = new Eval(interp, self);
            try {
                if (target != rt.none()) {
                    final RcObject result = callTarget(ev, rt);
                    rt.decref(result);
                }
            } catch (final PyException e) {
                interp.report("Exception in thread " + name + ":\n" + e.render());
            } finally {
                rt.decref(this);
            }
        }
    }

    private RcObject callTarget(final Eval ev, final RcRuntime rt) {
        final List<RcObject> positional = Values.items(args);
        RcObject[] entries = new RcObject[0];
        try {
            if (kwargs instanceof RcDict d) {
                entries = d.snapshot();
            }
            final String[] names = new String[entries.length / 2];
            final RcObject[] values = new RcObject[entries.length / 2];
            for (int i = 0; i < entries.length; i += 2) {
                if (!(entries[i] instanceof RcStr key)) {
                    throw PyException.typeError("keywords must be strings");
                }
                names[i / 2] = key.value();
                values[i / 2] = entries[i + 1];
            }
            return ev.call(target, positional.toArray(new RcObject[0]), names, values);
        } finally {
            Values.release(rt, positional);
            for (final RcObject e : entries) {
                rt.decref(e);
            }
        }
    }

    /** Waits for the thread to end with the runtime released, so the thread can take it meanwhile. */
    void joinReleased(final RuntimeThread self) {
        final Thread t = thread;
        if (t == null || t == Thread.currentThread()) {
            return;
        }
        Eval.released(self, () -> {
            t.join();
            return null;
        });
    }

    @Override
    public int size() {
        return 3;
    }

    @Override
    public RcType type() {
        return RcType.OBJECT;
    }

    @Override
    public String typeName() {
        return "Thread";
    }

    @Override
    public String repr() {
        return "<Thread(" + name + ", " + (thread == null ? "initial" : thread.isAlive() ? "started" : "stopped") + ")>";
    }

    @Override
    public void takeReferences(final ArrayDeque<RcObject> out) {
        out.add(target);
        out.add(args);
        out.add(kwargs);
        target = runtime().none();
        args = runtime().none();
        kwargs = runtime().none();
    }
}
