package org.rclab.interp.eval;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.rclab.object.RcDict;
import org.rclab.object.RcFloat;
import org.rclab.object.RcList;
import org.rclab.object.RcObject;
import org.rclab.object.RcStr;
import org.rclab.object.RcTuple;
import org.rclab.object.RcType;
import org.rclab.runtime.RcRuntime;

/**
 * The builtins ({@code print}, {@code len}, {@code range}, ...) and the built-in modules
 * {@code time}, {@code threading} and {@code multiprocessing}. Each returns a new reference and
 * borrows its arguments.
 */
final class Builtins {
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private Builtins() {
    }

    static Map<String, RcObject> make(final RcRuntime rt) {
        final Map<String, RcObject> b = new HashMap<>();
        add(b, rt, "print", Builtins::print);
        add(b, rt, "len", (ev, a, kn, kv) -> {
            Args.check("len", a, kn, 1, 1);
            return rt.newInt(length(a[0]));
        });
        add(b, rt, "range", Builtins::range);
        add(b, rt, "int", Builtins::toInt);
        add(b, rt, "float", Builtins::toFloat);
        add(b, rt, "str", (ev, a, kn, kv) -> {
            Args.check("str", a, kn, 0, 1);
            return a.length == 0 ? rt.newStr("") : rt.newStr(Values.str(a[0]));
        });
        add(b, rt, "repr", (ev, a, kn, kv) -> {
            Args.check("repr", a, kn, 1, 1);
            return rt.newStr(Values.repr(a[0]));
        });
        add(b, rt, "bool", (ev, a, kn, kv) -> {
            Args.check("bool", a, kn, 0, 1);
            return rt.bool(a.length == 1 && Values.isTrue(a[0]));
        });
        add(b, rt, "abs", (ev, a, kn, kv) -> {
            Args.check("abs", a, kn, 1, 1);
            if (a[0] instanceof RcFloat f) {
                return rt.newFloat(Math.abs(f.value()));
            }
            if (a[0].type() != RcType.INT && a[0].type() != RcType.BOOL) {
                throw PyException.typeError("bad operand type for abs(): '" + a[0].typeName() + "'");
            }
            return rt.newInt(Values.bigOf(a[0]).abs());
        });
        add(b, rt, "sum", Builtins::sum);
        add(b, rt, "min", (ev, a, kn, kv) -> extreme(ev, "min", a, kn, -1));
        add(b, rt, "max", (ev, a, kn, kv) -> extreme(ev, "max", a, kn, 1));
        add(b, rt, "list", (ev, a, kn, kv) -> {
            Args.check("list", a, kn, 0, 1);
            final RcList out = rt.newList();
            if (a.length == 1) {
                final List<RcObject> items = iterate(ev, a[0]);
                for (final RcObject o : items) {
                    out.append(o);
                }
                Values.release(rt, items);
            }
            return out;
        });
        add(b, rt, "tuple", (ev, a, kn, kv) -> {
            Args.check("tuple", a, kn, 0, 1);
            if (a.length == 0) {
                return rt.newTuple();
            }
            return Values.tupleOwning(rt, iterate(ev, a[0]).toArray(new RcObject[0]));
        });
        add(b, rt, "dict", (ev, a, kn, kv) -> {
            Args.check("dict", a, kn, 0, 0);
            return rt.newDict();
        });
        return Map.copyOf(b);
    }

    static Map<String, PyModule> modules(final RcRuntime rt) {
        final Map<String, RcObject> time = new HashMap<>();
        add(time, rt, "time", (ev, a, kn, kv) -> {
            Args.check("time", a, kn, 0, 0);
            final java.time.Instant now = java.time.Instant.now();
            return rt.newFloat(now.getEpochSecond() + now.getNano() / 1e9);
        });
        add(time, rt, "perf_counter", (ev, a, kn, kv) -> {
            Args.check("perf_counter", a, kn, 0, 0);
            return rt.newFloat(System.nanoTime() / 1e9);
        });
        add(time, rt, "thread_time", (ev, a, kn, kv) -> {
            Args.check("thread_time", a, kn, 0, 0);
            return rt.newFloat(THREADS.getCurrentThreadCpuTime() / 1e9);
        });
        add(time, rt, "sleep", (ev, a, kn, kv) -> {
            Args.check("sleep", a, kn, 1, 1);
            final double seconds = Values.doubleOf(number(a[0], "sleep"));
            if (seconds < 0) {
                throw new PyException("ValueError", "sleep length must be non-negative");
            }
            final long nanos = (long) (seconds * 1e9);
            // Blocking work runs released (Py_BEGIN_ALLOW_THREADS): other threads run meanwhile.
            Eval.released(ev.thread(), () -> {
                Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
                return null;
            });
            return rt.none();
        });
        final Map<String, RcObject> threading = new HashMap<>();
        add(threading, rt, "Thread", PyThread::construct);
        add(threading, rt, "Lock", (ev, a, kn, kv) -> {
            Args.check("Lock", a, kn, 0, 0);
            return rt.adopt(new PyLock(rt));
        });
        final Map<String, RcObject> multiprocessing = new HashMap<>();
        add(multiprocessing, rt, "Pool", PyPool::construct);
        return Map.of("time", new PyModule(rt, "time", time),
                "threading", new PyModule(rt, "threading", threading),
                "multiprocessing", new PyModule(rt, "multiprocessing", multiprocessing));
    }

    private static void add(final Map<String, RcObject> into, final RcRuntime rt, final String name,
                            final PyBuiltin.Body body) {
        into.put(name, new PyBuiltin(rt, name, body));
    }

    private static RcObject number(final RcObject o, final String function) {
        if (o.type() != RcType.INT && o.type() != RcType.FLOAT && o.type() != RcType.BOOL) {
            throw PyException.typeError("'" + o.typeName() + "' object cannot be interpreted as a number in "
                    + function + "()");
        }
        return o;
    }

    // ---------------------------------------------------------------- the builtins

    private static RcObject print(final Eval ev, final RcObject[] a, final String[] kn, final RcObject[] kv) {
        String sep = " ";
        String end = "\n";
        boolean flush = false;
        for (int i = 0; i < kn.length; i++) {
            switch (kn[i]) {
                case "sep" -> sep = kv[i].type() == RcType.NONE ? " " : stringArg("sep", kv[i]);
                case "end" -> end = kv[i].type() == RcType.NONE ? "\n" : stringArg("end", kv[i]);
                case "flush" -> flush = Values.isTrue(kv[i]);
                default -> throw PyException.typeError("'" + kn[i] + "' is an invalid keyword argument for print()");
            }
        }
        final StringBuilder s = new StringBuilder();
        for (int i = 0; i < a.length; i++) {
            if (i > 0) {
                s.append(sep);
            }
            s.append(Values.str(a[i]));
        }
        s.append(end);
        final java.io.PrintStream out = ev.interpreter().out();
        synchronized (out) {
            out.print(s);
            if (flush) {
                out.flush();
            }
        }
        return ev.runtime().none();
    }

    private static String stringArg(final String name, final RcObject o) {
        if (!(o instanceof RcStr s)) {
            throw PyException.typeError(name + " must be None or a string, not " + o.typeName());
        }
        return s.value();
    }

    static long length(final RcObject o) {
        switch (o.type()) {
            case STR:
                return ((RcStr) o).value().length();
            case LIST:
                return ((RcList) o).size();
            case TUPLE:
                return ((RcTuple) o).size();
            case DICT:
                return ((RcDict) o).size();
            default:
                if (o instanceof PyRange r) {
                    return r.length();
                }
                throw PyException.typeError("object of type '" + o.typeName() + "' has no len()");
        }
    }

    private static RcObject range(final Eval ev, final RcObject[] a, final String[] kn, final RcObject[] kv) {
        Args.check("range", a, kn, 1, 3);
        final long start = a.length == 1 ? 0 : Values.asIndex(a[0], "range() arguments");
        final long stop = Values.asIndex(a[a.length == 1 ? 0 : 1], "range() arguments");
        final long step = a.length == 3 ? Values.asIndex(a[2], "range() arguments") : 1;
        if (step == 0) {
            throw new PyException("ValueError", "range() arg 3 must not be zero");
        }
        final RcRuntime rt = ev.runtime();
        return rt.adopt(new PyRange(rt, start, stop, step));
    }

    private static RcObject toInt(final Eval ev, final RcObject[] a, final String[] kn, final RcObject[] kv) {
        Args.check("int", a, kn, 0, 2);
        final RcRuntime rt = ev.runtime();
        if (a.length == 0) {
            return rt.newInt(0);
        }
        final RcObject x = a[0];
        if (a.length == 2 && !(x instanceof RcStr)) {
            throw PyException.typeError("int() can't convert non-string with explicit base");
        }
        switch (x.type()) {
            case INT:
                rt.incref(x);
                return x;
            case BOOL:
                return rt.newInt(Values.isTrue(x) ? 1 : 0);
            case FLOAT: {
                final double d = ((RcFloat) x).value();
                if (Double.isNaN(d)) {
                    throw new PyException("ValueError", "cannot convert float NaN to integer");
                }
                if (Double.isInfinite(d)) {
                    throw new PyException("OverflowError", "cannot convert float infinity to integer");
                }
                return rt.newInt(new java.math.BigDecimal(d).toBigInteger());
            }
            case STR: {
                final int base = a.length == 2 ? (int) Values.asIndex(a[1], "int() base") : 10;
                final String text = ((RcStr) x).value().strip().replace("_", "");
                try {
                    return rt.newInt(new BigInteger(text.startsWith("+") ? text.substring(1) : text, base));
                } catch (final NumberFormatException e) {
                    throw new PyException("ValueError", "invalid literal for int() with base " + base + ": "
                            + Values.strRepr(((RcStr) x).value()));
                }
            }
            default:
                throw PyException.typeError("int() argument must be a string, a bytes-like object or a real number, not '"
                        + x.typeName() + "'");
        }
    }

    private static RcObject toFloat(final Eval ev, final RcObject[] a, final String[] kn, final RcObject[] kv) {
        Args.check("float", a, kn, 0, 1);
        final RcRuntime rt = ev.runtime();
        if (a.length == 0) {
            return rt.newFloat(0.0);
        }
        if (a[0] instanceof RcStr s) {
            final String text = s.value().strip().toLowerCase();
            switch (text) {
                case "inf", "+inf", "infinity" -> {
                    return rt.newFloat(Double.POSITIVE_INFINITY);
                }
                case "-inf", "-infinity" -> {
                    return rt.newFloat(Double.NEGATIVE_INFINITY);
                }
                case "nan", "+nan", "-nan" -> {
                    return rt.newFloat(Double.NaN);
                }
                default -> {
                    try {
                        if (text.isEmpty() || !text.matches("[-+]?[0-9_.e+-]+")) {
                            throw new NumberFormatException(text);
                        }
                        return rt.newFloat(Double.parseDouble(text));
                    } catch (final NumberFormatException e) {
                        throw new PyException("ValueError", "could not convert string to float: "
                                + Values.strRepr(s.value()));
                    }
                }
            }
        }
        return rt.newFloat(Values.doubleOf(number(a[0], "float")));
    }

    private static RcObject sum(final Eval ev, final RcObject[] a, final String[] kn, final RcObject[] kv) {
        Args.check("sum", a, kn, 1, 2, "start");
        final RcRuntime rt = ev.runtime();
        RcObject total = a.length == 2 ? a[1] : kv.length == 1 ? kv[0] : rt.newInt(0);
        rt.incref(total);
        if (total instanceof RcStr) {
            rt.decref(total);
            throw PyException.typeError("sum() can't sum strings [use ''.join(seq) instead]");
        }
        final List<RcObject> items = iterate(ev, a[0]);
        try {
            for (final RcObject item : items) {
                final RcObject next = Values.binary(rt, org.rclab.interp.compile.BinOp.ADD, total, item);
                rt.decref(total);
                total = next;
            }
            return total;
        } catch (final PyException e) {
            rt.decref(total);
            throw e;
        } finally {
            Values.release(rt, items);
        }
    }

    private static RcObject extreme(final Eval ev, final String name, final RcObject[] a, final String[] kn,
                                    final int sign) {
        Args.check(name, a, kn, 1, Integer.MAX_VALUE);
        final RcRuntime rt = ev.runtime();
        final List<RcObject> items;
        if (a.length == 1) {
            items = iterate(ev, a[0]);
        } else {
            items = new ArrayList<>();
            for (final RcObject o : a) {
                rt.incref(o);
                items.add(o);
            }
        }
        try {
            if (items.isEmpty()) {
                throw new PyException("ValueError", name + "() arg is an empty sequence");
            }
            RcObject best = items.get(0);
            for (final RcObject item : items) {
                if (Values.compare(sign > 0 ? org.rclab.interp.compile.BinOp.GT : org.rclab.interp.compile.BinOp.LT,
                        item, best)) {
                    best = item;
                }
            }
            rt.incref(best);
            return best;
        } finally {
            Values.release(rt, items);
        }
    }

    /**
     * The items of any iterable the subset has, a new reference each (release with
     * {@link Values#release}).
     */
    static List<RcObject> iterate(final Eval ev, final RcObject o) {
        final RcRuntime rt = ev.runtime();
        if (o instanceof RcList || o instanceof RcTuple) {
            return Values.items(o);
        }
        final List<RcObject> out = new ArrayList<>();
        if (o instanceof RcDict d) {
            final RcObject[] entries = d.snapshot();
            for (int i = 0; i < entries.length; i += 2) {
                out.add(entries[i]);
                rt.decref(entries[i + 1]);
            }
            return out;
        }
        if (o instanceof RcStr s) {
            for (int i = 0; i < s.value().length(); i++) {
                out.add(rt.newStr(String.valueOf(s.value().charAt(i))));
            }
            return out;
        }
        if (o instanceof PyRange r) {
            for (long v = r.start; r.step > 0 ? v < r.stop : v > r.stop; v += r.step) {
                out.add(rt.newInt(v));
            }
            return out;
        }
        throw PyException.typeError("'" + o.typeName() + "' object is not iterable");
    }

    /** Argument checks with CPython's messages. */
    static final class Args {
        private Args() {
        }

        static void check(final String name, final RcObject[] a, final String[] kn, final int min, final int max,
                          final String... keywords) {
            final Set<String> allowed = Set.of(keywords);
            for (final String k : kn) {
                if (!allowed.contains(k)) {
                    throw PyException.typeError(name + "() got an unexpected keyword argument '" + k + "'");
                }
            }
            if (a.length < min || a.length > max) {
                if (min == max) {
                    throw PyException.typeError(name + "() takes exactly " + (min == 1 ? "one argument" : min + " arguments")
                            + " (" + a.length + " given)");
                }
                throw PyException.typeError(name + " expected " + (a.length < min ? "at least " + min : "at most " + max)
                        + " argument" + ((a.length < min ? min : max) == 1 ? "" : "s") + ", got " + a.length);
            }
        }

        static RcObject keyword(final String[] kn, final RcObject[] kv, final String name) {
            for (int i = 0; i < kn.length; i++) {
                if (kn[i].equals(name)) {
                    return kv[i];
                }
            }
            return null;
        }
    }
}
