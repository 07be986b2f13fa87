package org.rclab.interp.eval;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rclab.interp.compile.BinOp;
import org.rclab.object.RcDict;
import org.rclab.object.RcFloat;
import org.rclab.object.RcInt;
import org.rclab.object.RcList;
import org.rclab.object.RcObject;
import org.rclab.object.RcStr;
import org.rclab.object.RcTuple;
import org.rclab.object.RcType;
import org.rclab.runtime.RcRuntime;

/**
 * Python's semantics for the object model's values: truth, {@code str} and {@code repr},
 * arithmetic, comparison, indexing. Every method that returns an object returns a new reference;
 * arguments are borrowed.
 */
final class Values {
    private Values() {
    }

    // ---------------------------------------------------------------- inspection

    static String typeName(final RcObject o) {
        return o.typeName();
    }

    static boolean isTrue(final RcObject o) {
        switch (o.type()) {
            case BOOL:
                return o == o.runtime().bool(true);
            case NONE:
                return false;
            case INT: {
                final RcInt i = (RcInt) o;
                return i.isBig() || i.value() != 0;
            }
            case FLOAT:
                return ((RcFloat) o).value() != 0.0;
            case STR:
                return !((RcStr) o).value().isEmpty();
            case TUPLE:
                return ((RcTuple) o).size() != 0;
            case LIST:
                return ((RcList) o).size() != 0;
            case DICT:
                return ((RcDict) o).size() != 0;
            default:
                if (o instanceof PyRange r) {
                    return r.length() != 0;
                }
                return true;
        }
    }

    /** Whether {@code o} is an int or a bool (bool is a subclass of int in Python). */
    private static boolean isIntegral(final RcObject o) {
        return o.type() == RcType.INT || o.type() == RcType.BOOL;
    }

    private static boolean isNumber(final RcObject o) {
        return isIntegral(o) || o.type() == RcType.FLOAT;
    }

    static BigInteger bigOf(final RcObject o) {
        if (o.type() == RcType.BOOL) {
            return isTrue(o) ? BigInteger.ONE : BigInteger.ZERO;
        }
        return ((RcInt) o).bigValue();
    }

    /** The value of an int or bool that fits in a long, or null. */
    private static Long longOf(final RcObject o) {
        if (o.type() == RcType.BOOL) {
            return isTrue(o) ? 1L : 0L;
        }
        final RcInt i = (RcInt) o;
        return i.isBig() ? null : i.value();
    }

    static double doubleOf(final RcObject o) {
        if (o.type() == RcType.FLOAT) {
            return ((RcFloat) o).value();
        }
        final Long l = longOf(o);
        if (l != null) {
            return l;
        }
        final double d = bigOf(o).doubleValue();
        if (Double.isInfinite(d)) {
            throw new PyException("OverflowError", "int too large to convert to float");
        }
        return d;
    }

    /** An index or count argument: an int (or bool) that fits in a long. */
    static long asIndex(final RcObject o, final String what) {
        if (!isIntegral(o)) {
            throw PyException.typeError(what + " must be integers, not " + typeName(o));
        }
        final Long l = longOf(o);
        if (l == null) {
            throw new PyException("IndexError", "cannot fit 'int' into an index-sized integer");
        }
        return l;
    }

    // ---------------------------------------------------------------- str and repr

    static String str(final RcObject o) {
        if (o instanceof RcStr s) {
            return s.value();
        }
        return repr(o);
    }

    static String repr(final RcObject o) {
        switch (o.type()) {
            case STR:
                return strRepr(((RcStr) o).value());
            case FLOAT:
                return floatRepr(((RcFloat) o).value());
            case INT:
            case BOOL:
            case NONE:
                return o.repr();
            case TUPLE: {
                final RcTuple t = (RcTuple) o;
                final StringBuilder s = new StringBuilder("(");
                for (int i = 0; i < t.size(); i++) {
                    final RcObject item = t.get(i);
                    try {
                        s.append(i == 0 ? "" : ", ").append(repr(item));
                    } finally {
                        o.runtime().decref(item);
                    }
                }
                return s.append(t.size() == 1 ? ",)" : ")").toString();
            }
            case LIST: {
                final RcList l = (RcList) o;
                final StringBuilder s = new StringBuilder("[");
                for (int i = 0; i < l.size(); i++) {
                    final RcObject item = l.get(i);
                    try {
                        s.append(i == 0 ? "" : ", ").append(repr(item));
                    } finally {
                        o.runtime().decref(item);
                    }
                }
                return s.append(']').toString();
            }
            case DICT: {
                final RcObject[] entries = ((RcDict) o).snapshot();
                final StringBuilder s = new StringBuilder("{");
                try {
                    for (int i = 0; i < entries.length; i += 2) {
                        s.append(i == 0 ? "" : ", ").append(repr(entries[i])).append(": ").append(repr(entries[i + 1]));
                    }
                } finally {
                    for (final RcObject e : entries) {
                        o.runtime().decref(e);
                    }
                }
                return s.append('}').toString();
            }
            default:
                return o.repr();
        }
    }

    static String strRepr(final String s) {
        final char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        final StringBuilder out = new StringBuilder().append(quote);
        for (int i = 0; i < s.length(); i++) {
            final char c = s.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c == quote) {
                        out.append('\\').append(c);
                    } else if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append(quote).toString();
    }

    /** Python's float repr: the shortest digits that read back exactly, in Python's layout. */
    static String floatRepr(final double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        final BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        final String digits = exact.unscaledValue().abs().toString();
        final int exponent = digits.length() - 1 - exact.scale();
        final String sign = d < 0 ? "-" : "";
        if (exponent >= 16 || exponent < -4) {
            final String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
        }
        final String plain = exact.abs().toPlainString();
        return sign + (plain.contains(".") ? plain : plain + ".0");
    }

    // ---------------------------------------------------------------- arithmetic

    static RcObject binary(final RcRuntime rt, final int op, final RcObject a, final RcObject b) {
        if (isIntegral(a) && isIntegral(b)) {
            final Long x = longOf(a);
            final Long y = longOf(b);
            if (x != null && y != null) {
                return intOp(rt, op, x, y);
            }
            return bigOp(rt, op, bigOf(a), bigOf(b));
        }
        if (isNumber(a) && isNumber(b)) {
            return floatOp(rt, op, doubleOf(a), doubleOf(b));
        }
        return sequenceOp(rt, op, a, b);
    }

    /** Long arithmetic; any overflow redoes the operation on BigIntegers. */
    static RcObject intOp(final RcRuntime rt, final int op, final long x, final long y) {
        try {
            switch (op) {
                case BinOp.ADD:
                    return rt.newInt(Math.addExact(x, y));
                case BinOp.SUB:
                    return rt.newInt(Math.subtractExact(x, y));
                case BinOp.MUL:
                    return rt.newInt(Math.multiplyExact(x, y));
                case BinOp.TRUEDIV:
                    if (y == 0) {
                        throw new PyException("ZeroDivisionError", "division by zero");
                    }
                    return rt.newFloat((double) x / (double) y);
                case BinOp.FLOORDIV:
                    if (y == 0) {
                        throw new PyException("ZeroDivisionError", "integer division or modulo by zero");
                    }
                    if (x == Long.MIN_VALUE && y == -1) {
                        break;
                    }
                    return rt.newInt(Math.floorDiv(x, y));
                case BinOp.MOD:
                    if (y == 0) {
                        throw new PyException("ZeroDivisionError", "integer division or modulo by zero");
                    }
                    return rt.newInt(Math.floorMod(x, y));
                case BinOp.AND:
                    return rt.newInt(x & y);
                case BinOp.OR:
                    return rt.newInt(x | y);
                case BinOp.XOR:
                    return rt.newInt(x ^ y);
                case BinOp.RSHIFT:
                    if (y < 0) {
                        throw new PyException("ValueError", "negative shift count");
                    }
                    return rt.newInt(y >= 64 ? (x < 0 ? -1 : 0) : x >> y);
                default:
                    break;
            }
        } catch (final ArithmeticException overflow) {
            // fall through to the exact path
        }
        return bigOp(rt, op, BigInteger.valueOf(x), BigInteger.valueOf(y));
    }

    private static RcObject bigOp(final RcRuntime rt, final int op, final BigInteger x, final BigInteger y) {
        switch (op) {
            case BinOp.ADD:
                return rt.newInt(x.add(y));
            case BinOp.SUB:
                return rt.newInt(x.subtract(y));
            case BinOp.MUL:
                return rt.newInt(x.multiply(y));
            case BinOp.TRUEDIV:
                if (y.signum() == 0) {
                    throw new PyException("ZeroDivisionError", "division by zero");
                }
                return rt.newFloat(new BigDecimal(x).divide(new BigDecimal(y), java.math.MathContext.DECIMAL64)
                        .doubleValue());
            case BinOp.FLOORDIV:
            case BinOp.MOD: {
                if (y.signum() == 0) {
                    throw new PyException("ZeroDivisionError", "integer division or modulo by zero");
                }
                final BigInteger[] qr = x.divideAndRemainder(y);
                BigInteger q = qr[0];
                BigInteger r = qr[1];
                if (r.signum() != 0 && r.signum() != y.signum()) {
                    q = q.subtract(BigInteger.ONE);
                    r = r.add(y);
                }
                return rt.newInt(op == BinOp.FLOORDIV ? q : r);
            }
            case BinOp.POW:
                if (y.signum() < 0) {
                    return floatOp(rt, op, x.doubleValue(), y.doubleValue());
                }
                if (y.bitLength() > 31) {
                    throw new PyException("OverflowError", "exponent too large");
                }
                return rt.newInt(x.pow(y.intValue()));
            case BinOp.LSHIFT:
                if (y.signum() < 0) {
                    throw new PyException("ValueError", "negative shift count");
                }
                return rt.newInt(x.shiftLeft(y.intValueExact()));
            case BinOp.RSHIFT:
                if (y.signum() < 0) {
                    throw new PyException("ValueError", "negative shift count");
                }
                return rt.newInt(y.bitLength() > 31 ? (x.signum() < 0 ? BigInteger.ONE.negate() : BigInteger.ZERO)
                        : x.shiftRight(y.intValue()));
            case BinOp.AND:
                return rt.newInt(x.and(y));
            case BinOp.OR:
                return rt.newInt(x.or(y));
            case BinOp.XOR:
                return rt.newInt(x.xor(y));
            default:
                throw new IllegalStateException("binary op " + op);
        }
    }

    private static RcObject floatOp(final RcRuntime rt, final int op, final double x, final double y) {
        switch (op) {
            case BinOp.ADD:
                return rt.newFloat(x + y);
            case BinOp.SUB:
                return rt.newFloat(x - y);
            case BinOp.MUL:
                return rt.newFloat(x * y);
            case BinOp.TRUEDIV:
                if (y == 0) {
                    throw new PyException("ZeroDivisionError", "float division by zero");
                }
                return rt.newFloat(x / y);
            case BinOp.FLOORDIV:
                if (y == 0) {
                    throw new PyException("ZeroDivisionError", "float floor division by zero");
                }
                return rt.newFloat(Math.floor(x / y));
            case BinOp.MOD: {
                if (y == 0) {
                    throw new PyException("ZeroDivisionError", "float modulo");
                }
                double r = x % y;
                if (r != 0 && (r < 0) != (y < 0)) {
                    r += y;
                }
                return rt.newFloat(r);
            }
            case BinOp.POW:
                if (x == 0 && y < 0) {
                    throw new PyException("ZeroDivisionError", "0.0 cannot be raised to a negative power");
                }
                return rt.newFloat(Math.pow(x, y));
            default:
                throw PyException.typeError("unsupported operand type(s) for " + BinOp.BINARY.get(op)
                        + ": 'float' and 'float'");
        }
    }

    private static RcObject sequenceOp(final RcRuntime rt, final int op, final RcObject a, final RcObject b) {
        if (op == BinOp.ADD) {
            if (a instanceof RcStr x && b instanceof RcStr y) {
                return rt.newStr(x.value() + y.value());
            }
            if (a instanceof RcList x && b instanceof RcList y) {
                final RcList out = rt.newList();
                out.extend(x);
                out.extend(y);
                return out;
            }
            if (a instanceof RcTuple x && b instanceof RcTuple y) {
                final RcObject[] items = new RcObject[x.size() + y.size()];
                return fillTuple(rt, items, x, y);
            }
            if (a instanceof RcStr) {
                throw PyException.typeError("can only concatenate str (not \"" + typeName(b) + "\") to str");
            }
            if (a instanceof RcList) {
                throw PyException.typeError("can only concatenate list (not \"" + typeName(b) + "\") to list");
            }
        }
        if (op == BinOp.MUL) {
            if (isIntegral(b) && (a instanceof RcStr || a instanceof RcList)) {
                return repeat(rt, a, asIndex(b, "repeat count"));
            }
            if (isIntegral(a) && (b instanceof RcStr || b instanceof RcList)) {
                return repeat(rt, b, asIndex(a, "repeat count"));
            }
        }
        if (op == BinOp.MOD && a instanceof RcStr) {
            throw PyException.typeError("'%' formatting of str is outside the rclab subset");
        }
        throw PyException.typeError("unsupported operand type(s) for " + BinOp.BINARY.get(op) + ": '"
                + typeName(a) + "' and '" + typeName(b) + "'");
    }

    private static RcObject fillTuple(final RcRuntime rt, final RcObject[] items, final RcTuple x, final RcTuple y) {
        for (int i = 0; i < x.size(); i++) {
            items[i] = x.get(i);
        }
        for (int i = 0; i < y.size(); i++) {
            items[x.size() + i] = y.get(i);
        }
        return tupleOwning(rt, items);
    }

    /** A tuple of items the caller owns one reference each to; those references pass to the tuple. */
    static RcTuple tupleOwning(final RcRuntime rt, final RcObject[] items) {
        final RcTuple t = rt.newTuple(items);
        for (final RcObject item : items) {
            rt.decref(item);
        }
        return t;
    }

    private static RcObject repeat(final RcRuntime rt, final RcObject seq, final long times) {
        if (seq instanceof RcStr s) {
            return rt.newStr(times <= 0 ? "" : s.value().repeat(Math.toIntExact(times)));
        }
        final RcList out = rt.newList();
        for (long i = 0; i < times; i++) {
            out.extend((RcList) seq);
        }
        return out;
    }

    static RcObject unary(final RcRuntime rt, final int op, final RcObject a) {
        if (op == 3) {
            return rt.bool(!isTrue(a));
        }
        if (isIntegral(a)) {
            final Long x = longOf(a);
            switch (op) {
                case 0:
                    return x != null && x != Long.MIN_VALUE ? rt.newInt(-x) : rt.newInt(bigOf(a).negate());
                case 1:
                    return x != null ? rt.newInt(x) : rt.newInt(bigOf(a));
                default:
                    return x != null ? rt.newInt(~x) : rt.newInt(bigOf(a).not());
            }
        }
        if (a.type() == RcType.FLOAT && op != 2) {
            final double d = ((RcFloat) a).value();
            return rt.newFloat(op == 0 ? -d : d);
        }
        throw PyException.typeError("bad operand type for unary " + List.of("-", "+", "~").get(op) + ": '"
                + typeName(a) + "'");
    }

    // ---------------------------------------------------------------- comparison

    static boolean compare(final int op, final RcObject a, final RcObject b) {
        switch (op) {
            case BinOp.EQ:
                return equal(a, b);
            case BinOp.NE:
                return !equal(a, b);
            case BinOp.IS:
                return a == b;
            case BinOp.IS_NOT:
                return a != b;
            case BinOp.IN:
                return contains(b, a);
            case BinOp.NOT_IN:
                return !contains(b, a);
            default:
                final int c = order(op, a, b);
                switch (op) {
                    case BinOp.LT:
                        return c < 0;
                    case BinOp.LE:
                        return c <= 0;
                    case BinOp.GT:
                        return c > 0;
                    default:
                        return c >= 0;
                }
        }
    }

    static boolean equal(final RcObject a, final RcObject b) {
        if (a == b) {
            return !(a.type() == RcType.FLOAT && Double.isNaN(((RcFloat) a).value()));
        }
        if (isNumber(a) && isNumber(b)) {
            if (isIntegral(a) && isIntegral(b)) {
                return bigOf(a).equals(bigOf(b));
            }
            return doubleOf(a) == doubleOf(b);
        }
        if (a.type() != b.type()) {
            return false;
        }
        switch (a.type()) {
            case STR:
                return a.equals(b);
            case TUPLE:
            case LIST:
                return sequenceCompare(a, b, true) == 0;
            case DICT: {
                final RcDict x = (RcDict) a;
                final RcDict y = (RcDict) b;
                if (x.size() != y.size()) {
                    return false;
                }
                final RcObject[] entries = x.snapshot();
                try {
                    for (int i = 0; i < entries.length; i += 2) {
                        final RcObject other = y.get(entries[i]);
                        if (other == null) {
                            return false;
                        }
                        try {
                            if (!equal(entries[i + 1], other)) {
                                return false;
                            }
                        } finally {
                            a.runtime().decref(other);
                        }
                    }
                    return true;
                } finally {
                    for (final RcObject e : entries) {
                        a.runtime().decref(e);
                    }
                }
            }
            default:
                return false;
        }
    }

    private static int order(final int op, final RcObject a, final RcObject b) {
        if (isNumber(a) && isNumber(b)) {
            if (isIntegral(a) && isIntegral(b)) {
                final Long x = longOf(a);
                final Long y = longOf(b);
                return x != null && y != null ? Long.compare(x, y) : bigOf(a).compareTo(bigOf(b));
            }
            return Double.compare(doubleOf(a), doubleOf(b));
        }
        if (a instanceof RcStr x && b instanceof RcStr y) {
            return x.value().compareTo(y.value());
        }
        if (a.type() == b.type() && (a.type() == RcType.LIST || a.type() == RcType.TUPLE)) {
            return sequenceCompare(a, b, false);
        }
        throw PyException.typeError("'" + BinOp.COMPARE.get(op) + "' not supported between instances of '"
                + typeName(a) + "' and '" + typeName(b) + "'");
    }

    private static int sequenceCompare(final RcObject a, final RcObject b, final boolean equalityOnly) {
        final List<RcObject> x = items(a);
        final List<RcObject> y = items(b);
        try {
            if (equalityOnly && x.size() != y.size()) {
                return 1;
            }
            for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
                if (!equal(x.get(i), y.get(i))) {
                    return equalityOnly ? 1 : order(BinOp.LT, x.get(i), y.get(i));
                }
            }
            return Integer.compare(x.size(), y.size());
        } finally {
            release(a.runtime(), x);
            release(a.runtime(), y);
        }
    }

    /** The items of a list or tuple, a new reference each (release with {@link #release}). */
    static List<RcObject> items(final RcObject seq) {
        final List<RcObject> out = new ArrayList<>();
        if (seq instanceof RcList l) {
            for (int i = 0; i < l.size(); i++) {
                out.add(l.get(i));
            }
        } else {
            final RcTuple t = (RcTuple) seq;
            for (int i = 0; i < t.size(); i++) {
                out.add(t.get(i));
            }
        }
        return out;
    }

    static void release(final RcRuntime rt, final List<RcObject> refs) {
        for (final RcObject o : refs) {
            rt.decref(o);
        }
    }

    static boolean contains(final RcObject container, final RcObject item) {
        if (container instanceof RcStr s) {
            if (!(item instanceof RcStr)) {
                throw PyException.typeError("'in <string>' requires string as left operand, not " + typeName(item));
            }
            return s.value().contains(((RcStr) item).value());
        }
        if (container instanceof RcDict d) {
            requireHashable(item);
            final RcObject v = d.get(item);
            if (v == null) {
                return false;
            }
            container.runtime().decref(v);
            return true;
        }
        if (container instanceof RcList || container instanceof RcTuple) {
            final List<RcObject> all = items(container);
            try {
                for (final RcObject o : all) {
                    if (equal(o, item)) {
                        return true;
                    }
                }
                return false;
            } finally {
                release(container.runtime(), all);
            }
        }
        if (container instanceof PyRange r && isIntegral(item)) {
            final Long v = longOf(item);
            return v != null && (r.step > 0 ? v >= r.start && v < r.stop : v <= r.start && v > r.stop)
                    && (v - r.start) % r.step == 0;
        }
        throw PyException.typeError("argument of type '" + typeName(container) + "' is not iterable");
    }

    static void requireHashable(final RcObject key) {
        if (!RcDict.isHashable(key) || key.type() == RcType.OBJECT) {
            throw PyException.typeError("unhashable type: '" + typeName(key) + "'");
        }
    }

    // ---------------------------------------------------------------- indexing

    static RcObject subscript(final RcRuntime rt, final RcObject container, final RcObject index) {
        if (container instanceof RcDict d) {
            requireHashable(index);
            final RcObject v = d.get(index);
            if (v == null) {
                throw new PyException("KeyError", repr(index));
            }
            return v;
        }
        if (container instanceof RcList l) {
            return l.get(sequenceIndex(l.size(), index, "list"));
        }
        if (container instanceof RcTuple t) {
            return t.get(sequenceIndex(t.size(), index, "tuple"));
        }
        if (container instanceof RcStr s) {
            return rt.newStr(String.valueOf(s.value().charAt(sequenceIndex(s.value().length(), index, "string"))));
        }
        if (container instanceof PyRange r) {
            final int i = sequenceIndex((int) Math.min(Integer.MAX_VALUE, r.length()), index, "range object");
            return rt.newInt(r.start + i * r.step);
        }
        throw PyException.typeError("'" + typeName(container) + "' object is not subscriptable");
    }

    static int sequenceIndex(final int size, final RcObject index, final String what) {
        if (!isIntegral(index)) {
            throw PyException.typeError(what + " indices must be integers, not " + typeName(index));
        }
        final Long l = longOf(index);
        final long i = l == null ? Long.MAX_VALUE : (l < 0 ? l + size : l);
        if (i < 0 || i >= size) {
            throw new PyException("IndexError", what + " index out of range");
        }
        return (int) i;
    }

    static void storeSubscript(final RcObject container, final RcObject index, final RcObject value) {
        if (container instanceof RcDict d) {
            requireHashable(index);
            d.put(index, value);
        } else if (container instanceof RcList l) {
            l.set(sequenceIndex(l.size(), index, "list assignment"), value);
        } else {
            throw PyException.typeError("'" + typeName(container) + "' object does not support item assignment");
        }
    }

    // ---------------------------------------------------------------- between runtimes

    /**
     * A runtime-free copy of a value, as {@code pickle} would carry it to another process.
     *
     * @param o the value
     * @return Long, BigInteger, Double, String, Boolean, null, List, Object[] (tuple) or Map
     */
    static Object export(final RcObject o) {
        switch (o.type()) {
            case INT:
                return ((RcInt) o).isBig() ? ((RcInt) o).bigValue() : (Object) ((RcInt) o).value();
            case FLOAT:
                return ((RcFloat) o).value();
            case STR:
                return ((RcStr) o).value();
            case BOOL:
                return isTrue(o);
            case NONE:
                return null;
            case TUPLE:
            case LIST: {
                final List<RcObject> all = items(o);
                try {
                    final List<Object> out = new ArrayList<>();
                    for (final RcObject item : all) {
                        out.add(export(item));
                    }
                    return o.type() == RcType.TUPLE ? out.toArray() : out;
                } finally {
                    release(o.runtime(), all);
                }
            }
            case DICT: {
                final RcObject[] entries = ((RcDict) o).snapshot();
                try {
                    final Map<Object, Object> out = new LinkedHashMap<>();
                    for (int i = 0; i < entries.length; i += 2) {
                        out.put(new Key(export(entries[i])), export(entries[i + 1]));
                    }
                    return out;
                } finally {
                    for (final RcObject e : entries) {
                        o.runtime().decref(e);
                    }
                }
            }
            default:
                throw PyException.typeError("cannot pickle '" + typeName(o) + "' object");
        }
    }

    /** A dict key carried between runtimes (Object[] has identity equality; this wrapper is only a holder). */
    record Key(Object value) {
    }

    /**
     * Rebuilds an exported value in a runtime.
     *
     * @param rt the runtime
     * @param v the exported value
     * @return a new reference
     */
    static RcObject importValue(final RcRuntime rt, final Object v) {
        if (v == null) {
            return rt.none();
        }
        if (v instanceof Long l) {
            return rt.newInt(l);
        }
        if (v instanceof BigInteger b) {
            return rt.newInt(b);
        }
        if (v instanceof Double d) {
            return rt.newFloat(d);
        }
        if (v instanceof String s) {
            return rt.newStr(s);
        }
        if (v instanceof Boolean b) {
            return rt.bool(b);
        }
        if (v instanceof Object[] tuple) {
            final RcObject[] items = new RcObject[tuple.length];
            for (int i = 0; i < tuple.length; i++) {
                items[i] = importValue(rt, tuple[i]);
            }
            return tupleOwning(rt, items);
        }
        if (v instanceof List<?> list) {
            final RcList out = rt.newList();
            for (final Object item : list) {
                final RcObject o = importValue(rt, item);
                out.append(o);
                rt.decref(o);
            }
            return out;
        }
        final RcDict out = rt.newDict();
        for (final Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
            final RcObject k = importValue(rt, ((Key) e.getKey()).value());
            final RcObject val = importValue(rt, e.getValue());
            out.put(k, val);
            rt.decref(k);
            rt.decref(val);
        }
        return out;
    }
}
