package org.rclab.interp.eval;

import java.util.List;

import org.rclab.interp.eval.Builtins.Args;
import org.rclab.object.RcDict;
import org.rclab.object.RcList;
import org.rclab.object.RcObject;
import org.rclab.object.RcStr;
import org.rclab.runtime.RcRuntime;

/**
 * Methods of the built-in types, called as {@code receiver.name(...)}: the common ones of list,
 * dict and str, and those of threads, locks, pools and async results. Arguments are borrowed; the
 * result is a new reference. {@code keys()}, {@code values()} and {@code items()} return lists
 * (CPython returns views; printing one shows {@code dict_keys([...])}).
 */
final class Methods {
    private Methods() {
    }

    static RcObject call(final Eval ev, final RcObject self, final String name, final RcObject[] a,
                         final String[] kn, final RcObject[] kv) {
        final RcRuntime rt = ev.runtime();
        if (self instanceof RcList list) {
            return listMethod(ev, rt, list, name, a, kn);
        }
        if (self instanceof RcDict dict) {
            return dictMethod(ev, rt, dict, name, a, kn);
        }
        if (self instanceof RcStr str) {
            return strMethod(ev, rt, str, name, a, kn);
        }
        if (self instanceof PyThread thread) {
            return thread.method(ev, name, a, kn, kv);
        }
        if (self instanceof PyLock lock) {
            return lock.method(ev, name, a, kn, kv);
        }
        if (self instanceof PyPool pool) {
            return pool.method(ev, name, a, kn, kv);
        }
        if (self instanceof PyAsyncResult result) {
            return result.method(ev, name, a, kn, kv);
        }
        throw noAttribute(self, name);
    }

    static PyException noAttribute(final RcObject self, final String name) {
        return new PyException("AttributeError", "'" + self.typeName() + "' object has no attribute '" + name + "'");
    }

    private static RcObject listMethod(final Eval ev, final RcRuntime rt, final RcList list, final String name,
                                      final RcObject[] a, final String[] kn) {
        switch (name) {
            case "append":
                Args.check("list.append", a, kn, 1, 1);
                list.append(a[0]);
                return rt.none();
            case "pop": {
                Args.check("pop", a, kn, 0, 1);
                if (list.size() == 0) {
                    throw new PyException("IndexError", "pop from empty list");
                }
                if (a.length == 0) {
                    return list.pop();
                }
                // pop(i): rebuild the tail, since the object model pops only from the end.
                final int i = Values.sequenceIndex(list.size(), a[0], "pop");
                final RcObject item = list.get(i);
                final List<RcObject> all = Values.items(list);
                list.clear();
                for (int k = 0; k < all.size(); k++) {
                    if (k != i) {
                        list.append(all.get(k));
                    }
                }
                Values.release(rt, all);
                return item;
            }
            case "extend": {
                Args.check("list.extend", a, kn, 1, 1);
                if (a[0] instanceof RcList other) {
                    list.extend(other);
                } else {
                    final List<RcObject> items = Builtins.iterate(ev, a[0]);
                    for (final RcObject o : items) {
                        list.append(o);
                    }
                    Values.release(rt, items);
                }
                return rt.none();
            }
            case "clear":
                Args.check("list.clear", a, kn, 0, 0);
                list.clear();
                return rt.none();
            case "copy": {
                Args.check("list.copy", a, kn, 0, 0);
                final RcList out = rt.newList();
                out.extend(list);
                return out;
            }
            case "index":
            case "count": {
                Args.check(name, a, kn, 1, 1);
                final List<RcObject> all = Values.items(list);
                try {
                    int count = 0;
                    for (int i = 0; i < all.size(); i++) {
                        if (Values.equal(all.get(i), a[0])) {
                            if (name.equals("index")) {
                                return rt.newInt(i);
                            }
                            count++;
                        }
                    }
                    if (name.equals("index")) {
                        throw new PyException("ValueError", Values.repr(a[0]) + " is not in list");
                    }
                    return rt.newInt(count);
                } finally {
                    Values.release(rt, all);
                }
            }
            default:
                throw noAttribute(list, name);
        }
    }

    private static RcObject dictMethod(final Eval ev, final RcRuntime rt, final RcDict dict, final String name,
                                      final RcObject[] a, final String[] kn) {
        switch (name) {
            case "get": {
                Args.check("get", a, kn, 1, 2);
                Values.requireHashable(a[0]);
                final RcObject v = dict.get(a[0]);
                if (v != null) {
                    return v;
                }
                final RcObject fallback = a.length == 2 ? a[1] : rt.none();
                rt.incref(fallback);
                return fallback;
            }
            case "keys":
            case "values":
            case "items": {
                Args.check(name, a, kn, 0, 0);
                final RcObject[] entries = dict.snapshot();
                final RcList out = rt.newList();
                for (int i = 0; i < entries.length; i += 2) {
                    if (name.equals("items")) {
                        final RcObject pair = rt.newTuple(entries[i], entries[i + 1]);
                        out.append(pair);
                        rt.decref(pair);
                    } else {
                        out.append(entries[name.equals("keys") ? i : i + 1]);
                    }
                    rt.decref(entries[i]);
                    rt.decref(entries[i + 1]);
                }
                return out;
            }
            case "pop": {
                Args.check("pop", a, kn, 1, 2);
                Values.requireHashable(a[0]);
                final RcObject v = dict.remove(a[0]);
                if (v != null) {
                    return v;
                }
                if (a.length == 2) {
                    rt.incref(a[1]);
                    return a[1];
                }
                throw new PyException("KeyError", Values.repr(a[0]));
            }
            case "setdefault": {
                Args.check("setdefault", a, kn, 1, 2);
                Values.requireHashable(a[0]);
                final RcObject v = dict.get(a[0]);
                if (v != null) {
                    return v;
                }
                final RcObject value = a.length == 2 ? a[1] : rt.none();
                dict.put(a[0], value);
                rt.incref(value);
                return value;
            }
            case "update":
                Args.check("update", a, kn, 1, 1);
                if (!(a[0] instanceof RcDict other)) {
                    throw PyException.typeError("dict.update() argument must be a dict in the rclab subset");
                }
                dict.update(other);
                return rt.none();
            case "clear":
                Args.check("clear", a, kn, 0, 0);
                dict.clear();
                return rt.none();
            case "copy": {
                Args.check("copy", a, kn, 0, 0);
                final RcDict out = rt.newDict();
                out.update(dict);
                return out;
            }
            default:
                throw noAttribute(dict, name);
        }
    }

    private static RcObject strMethod(final Eval ev, final RcRuntime rt, final RcStr str, final String name,
                                     final RcObject[] a, final String[] kn) {
        final String s = str.value();
        switch (name) {
            case "upper":
                Args.check(name, a, kn, 0, 0);
                return rt.newStr(s.toUpperCase());
            case "lower":
                Args.check(name, a, kn, 0, 0);
                return rt.newStr(s.toLowerCase());
            case "strip":
                Args.check(name, a, kn, 0, 0);
                return rt.newStr(s.strip());
            case "startswith":
            case "endswith": {
                Args.check(name, a, kn, 1, 1);
                final String arg = strArg(name, a[0]);
                return rt.bool(name.equals("startswith") ? s.startsWith(arg) : s.endsWith(arg));
            }
            case "find":
                Args.check(name, a, kn, 1, 1);
                return rt.newInt(s.indexOf(strArg(name, a[0])));
            case "replace":
                Args.check(name, a, kn, 2, 2);
                return rt.newStr(s.replace(strArg(name, a[0]), strArg(name, a[1])));
            case "split": {
                Args.check(name, a, kn, 0, 1);
                final RcList out = rt.newList();
                final String[] parts = a.length == 0 || a[0] == rt.none() ? s.strip().isEmpty() ? new String[0]
                        : s.strip().split("\\s+") : s.split(java.util.regex.Pattern.quote(strArg(name, a[0])), -1);
                for (final String p : parts) {
                    final RcStr part = rt.newStr(p);
                    out.append(part);
                    rt.decref(part);
                }
                return out;
            }
            case "join": {
                Args.check(name, a, kn, 1, 1);
                final List<RcObject> items = Builtins.iterate(ev, a[0]);
                try {
                    final StringBuilder out = new StringBuilder();
                    for (int i = 0; i < items.size(); i++) {
                        if (!(items.get(i) instanceof RcStr part)) {
                            throw PyException.typeError("sequence item " + i + ": expected str instance, "
                                    + items.get(i).typeName() + " found");
                        }
                        out.append(i == 0 ? "" : s).append(part.value());
                    }
                    return rt.newStr(out.toString());
                } finally {
                    Values.release(rt, items);
                }
            }
            default:
                throw noAttribute(str, name);
        }
    }

    private static String strArg(final String method, final RcObject o) {
        if (!(o instanceof RcStr s)) {
            throw PyException.typeError(method + "() argument must be str, not " + o.typeName());
        }
        return s.value();
    }
}
