package org.rclab.interp.eval;

import org.rclab.interp.compile.BinOp;
import org.rclab.interp.compile.CallSite;
import org.rclab.interp.compile.Code;
import org.rclab.interp.compile.Op;
import org.rclab.object.RcDict;
import org.rclab.object.RcInt;
import org.rclab.object.RcList;
import org.rclab.object.RcObject;
import org.rclab.object.RcStr;
import org.rclab.object.RcTuple;
import org.rclab.runtime.BlockingWork;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;

/**
 * One thread's evaluation loop (CPython's {@code _PyEval_EvalFrameDefault}). A frame is one
 * {@code RcObject[]}: the locals in the first slots, the value stack above them. Every slot below
 * the stack pointer owns one reference, so an exception releases a frame by releasing its slots;
 * slots above it are dead and never read before they are written, so the hot instructions do not
 * clear what they pop (as CPython does not).
 *
 * <p>The eval breaker: every loop's back-edge ({@link Op#JUMP_BACK} and the fused bottom tests)
 * and every call into a function pass {@link RuntimeThread#checkpoint()}, where a GIL is dropped on request and biased
 * counting merges its queue, as CPython checks its eval breaker on back-edges and at function entry.
 */
public final class Eval {
    private static final RcObject[] NO_ARGS = new RcObject[0];
    private static final String[] NO_NAMES = new String[0];

    private final Interpreter interp;
    private final RcRuntime rt;
    private final RuntimeThread self;
    private final RcObject trueObject;
    private final RcObject falseObject;
    /** Frames on this thread's Python stack; the module's (or the thread's bootstrap) frame counts, as in CPython. */
    private int depth = 1;
    /** Where {@link #loop} left its frame for a call: where to go on, and the stack pointer. */
    private int resumePc;
    private int resumeSp;
    /** The call {@link #loop} left its frame to have {@link #run} make. */
    private CallSite pendingCall;

    /**
     * Makes the evaluator of one attached thread.
     *
     * @param interp the program
     * @param self the calling thread's attachment
     */
    public Eval(final Interpreter interp, final RuntimeThread self) {
        this.interp = interp;
        this.rt = interp.runtime();
        this.self = self;
        this.trueObject = rt.bool(true);
        this.falseObject = rt.bool(false);
    }

    Interpreter interpreter() {
        return interp;
    }

    RcRuntime runtime() {
        return rt;
    }

    RuntimeThread thread() {
        return self;
    }

    /**
     * Runs a module body.
     *
     * @param code the module's code
     */
    void runModule(final Code code) {
        final RcObject result = run(code, new RcObject[code.localCount() + code.stackSize()]);
        rt.decref(result);
    }

    /**
     * Calls any callable with positional arguments (borrowed).
     *
     * @param callable the function
     * @param args its arguments
     * @return a new reference to the result
     */
    RcObject call(final RcObject callable, final RcObject[] args) {
        return callObject(callable, args, NO_NAMES, NO_ARGS);
    }

    /**
     * Calls any callable with positional and keyword arguments (all borrowed).
     *
     * @param callable the function
     * @param args its positional arguments
     * @param kwNames the keyword arguments' names
     * @param kwValues their values
     * @return a new reference to the result
     */
    RcObject call(final RcObject callable, final RcObject[] args, final String[] kwNames, final RcObject[] kwValues) {
        return callObject(callable, args, kwNames, kwValues);
    }

    /**
     * Runs blocking work with the runtime released ({@code Py_BEGIN_ALLOW_THREADS}). An interrupt
     * becomes a KeyboardInterrupt; a failure carrying a Python exception rethrows it.
     *
     * @param self the calling thread's attachment
     * @param work the blocking work; it must not touch objects
     * @param <T> its result
     * @return the work's result
     */
    static <T> T released(final RuntimeThread self, final BlockingWork<T, Exception> work) {
        try {
            return self.callReleased(work);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PyException("KeyboardInterrupt", "");
        } catch (final java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof PyException remote) {
                throw new PyException(remote.type(), remote.getMessage());
            }
            throw new IllegalStateException(e.getCause());
        } catch (final RuntimeException e) {
            throw e;
        } catch (final Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private RcObject callObject(final RcObject callable, final RcObject[] args, final String[] kwNames,
                                final RcObject[] kwValues) {
        if (callable instanceof PyFunction fn) {
            final RcObject[] frame = bind(fn, args, kwNames, kwValues);
            return enter(fn, frame);
        }
        if (callable instanceof PyBuiltin builtin) {
            return builtin.call(this, args, kwNames, kwValues);
        }
        throw PyException.typeError("'" + callable.typeName() + "' object is not callable");
    }

    /**
     * Makes a function's frame from borrowed arguments: each bound local gets its own reference.
     */
    private RcObject[] bind(final PyFunction fn, final RcObject[] args, final String[] kwNames,
                            final RcObject[] kwValues) {
        final Code code = fn.code();
        final int paramCount = code.paramCount();
        if (args.length > paramCount) {
            final int required = paramCount - fn.defaults().length;
            throw PyException.typeError(code.name() + "() takes " + (required == paramCount ? "" : "from " + required
                    + " to ") + paramCount + " positional argument" + (paramCount == 1 ? "" : "s") + " but " + args.length + (args.length == 1 ? " was" : " were")
                    + " given");
        }
        final RcObject[] frame = new RcObject[code.localCount() + code.stackSize()];
        try {
            for (int i = 0; i < args.length; i++) {
                rt.incref(args[i]);
                frame[i] = args[i];
            }
            for (int k = 0; k < kwNames.length; k++) {
                final int slot = indexOf(code.localNames(), paramCount, kwNames[k]);
                if (slot < 0) {
                    throw PyException.typeError(code.name() + "() got an unexpected keyword argument '"
                            + kwNames[k] + "'");
                }
                if (frame[slot] != null) {
                    throw PyException.typeError(code.name() + "() got multiple values for argument '"
                            + kwNames[k] + "'");
                }
                rt.incref(kwValues[k]);
                frame[slot] = kwValues[k];
            }
            fillDefaults(fn, frame);
        } catch (final PyException e) {
            releaseSlots(frame, frame.length);
            throw e;
        }
        return frame;
    }

    private void fillDefaults(final PyFunction fn, final RcObject[] frame) {
        final Code code = fn.code();
        final int paramCount = code.paramCount();
        final String[] params = code.localNames();
        final RcObject[] defaults = fn.defaults();
        final int firstDefault = paramCount - defaults.length;
        StringBuilder missing = null;
        int missingCount = 0;
        for (int i = 0; i < paramCount; i++) {
            if (frame[i] == null) {
                if (i >= firstDefault) {
                    rt.incref(defaults[i - firstDefault]);
                    frame[i] = defaults[i - firstDefault];
                } else {
                    missing = missing == null ? new StringBuilder() : missing.append(missingCount == 1 ? " and " : ", ");
                    missing.append('\'').append(params[i]).append('\'');
                    missingCount++;
                }
            }
        }
        if (missing != null) {
            throw PyException.typeError(code.name() + "() missing " + missingCount + " required positional argument"
                    + (missingCount == 1 ? "" : "s") + ": " + missing);
        }
    }

    private static int indexOf(final String[] names, final int count, final String name) {
        for (int i = 0; i < count; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private RcObject enter(final PyFunction fn, final RcObject[] frame) {
        // The eval breaker at function entry (CPython's RESUME).
        self.checkpoint();
        if (++depth > Interpreter.RECURSION_LIMIT) {
            depth--;
            releaseSlots(frame, frame.length);
            throw new PyException("RecursionError", "maximum recursion depth exceeded");
        }
        try {
            return run(fn.code(), frame);
        } finally {
            depth--;
        }
    }

    private void releaseSlots(final RcObject[] frame, final int end) {
        for (int i = 0; i < end; i++) {
            final RcObject o = frame[i];
            if (o != null) {
                frame[i] = null;
                rt.decref(o);
            }
        }
    }

    // ---------------------------------------------------------------- the loop

    /**
     * Runs a frame to its return: {@link #loop} between calls, and each call made here (whose
     * function entry is a checkpoint).
     *
     * <p>Where the eval breaker sits. Loop back-edges pass {@link RuntimeThread#checkpoint()}
     * inside {@link #loop}, as CPython's {@code JUMP_BACKWARD} checks its eval breaker in the
     * dispatch loop: the sixth to ninth sessions left {@code loop} at every back-edge instead and
     * passed the checkpoint here, to keep a GIL's drop-and-take calls (compiled in once any thread
     * has dropped the GIL) out of the loop's code, which then cost 1.10–1.32 of the step. With
     * today's loop and runtime that no longer holds, and the exit and re-entry per back-edge cost
     * at least as much as those calls: in one JVM ({@code docs/step-pieces}, tenth session) the step with the
     * back-edge inside the loop took 0.90–1.02 of the old step's time under gil, 0.89–0.91 after
     * two threads had passed the GIL back and forth ({@code gil-2t}) and 0.91 under brc
     * (interpreter README). Calls still leave the loop: a call's entry checkpoint and the callee's
     * frame setup are not the loop's work, and made inside it they would be inlined into its code.
     */
    private RcObject run(final Code code, final RcObject[] f) {
        RcObject result = loop(code, f, 0, code.localCount());
        while (result == null) {
            // Read before the call, whose frames leave their loops too and overwrite them.
            final int pc = resumePc;
            final CallSite site = pendingCall;
            pendingCall = null;
            final int sp = callFromRun(site, code, f, pc, resumeSp);
            result = loop(code, f, pc, sp);
        }
        return result;
    }

    /**
     * A {@link Op#CALL} that {@link #loop} left to this frame's {@link #run}: the callee's entry
     * checkpoint and frame setup are then compiled into {@code run}'s code, not into the loop's.
     * A failure unwinds this frame as one inside the loop does.
     */
    private int callFromRun(final CallSite site, final Code code, final RcObject[] f, final int pc, final int sp) {
        try {
            return call(site, f, sp);
        } catch (final PyException | ArithmeticException | OutOfMemoryError e) {
            throw unwind(e, code, pc, f, sp);
        }
    }

    /**
     * The evaluation loop, from {@code startPc} with the stack at {@code startSp}, up to the frame's return
     * (the returned value) or the next call: then {@code null} (no Python value is ever
     * {@code null}), with {@link #resumePc}, {@link #resumeSp} and {@link #pendingCall} set for
     * {@link #run}. Back-edges pass the checkpoint here and go on.
     */
    // A specialised instruction whose guard fails falls through into its generic form's case.
    @SuppressWarnings("fallthrough")
    private RcObject loop(final Code code, final RcObject[] f, final int startPc, final int startSp) {
        final int[] c = code.code();
        // Only the code, the frame, pc and sp are held across the loop. The runtime, the thread, True,
        // False and the constants are read from their fields where a case uses them: held in locals,
        // each was one more value live through every instruction, and C2 (which keeps such values in
        // registers at the loop's head and spills them in the busy cases) reloaded all of them on
        // every back-edge and stored them back after the dispatch (11 loads and 12 stores a step under
        // gil, 3 and 9 since). Read where used, a step took about 0.95 of its time under gil, brc and
        // unsafe (interpreter README, twelfth session; docs/machine-code).
        int pc = startPc;
        int sp = startSp;
        try {
            while (true) {
                final int op = c[pc];
                final int arg = c[pc + 1];
                pc += 2;
                switch (op) {
                    case Op.LOAD_FAST: {
                        final RcObject v = f[arg];
                        if (v == null) {
                            throw unbound(code, arg);
                        }
                        rt.incref(v);
                        f[sp++] = v;
                        break;
                    }
                    case Op.LOAD_FAST_LOAD_CONST: {
                        final RcObject v = f[arg & 0xffff];
                        if (v == null) {
                            throw unbound(code, arg & 0xffff);
                        }
                        final RcObject k = code.consts()[arg >>> 16];
                        rt.incref(v);
                        rt.incref(k);
                        f[sp] = v;
                        f[sp + 1] = k;
                        sp += 2;
                        break;
                    }
                    case Op.COMPARE_JUMP_IF_FALSE:
                    case Op.COMPARE_JUMP_BACK_IF_TRUE: {
                        final RcObject b = f[sp - 1];
                        final RcObject a = f[sp - 2];
                        final boolean r;
                        if (a instanceof RcInt x && b instanceof RcInt y && !x.isBig() && !y.isBig() && arg <= BinOp.GE) {
                            r = compareLongs(arg, x.value(), y.value());
                        } else {
                            r = Values.compare(arg, a, b);
                        }
                        sp -= 2;
                        rt.decref(a);
                        rt.decref(b);
                        if (op == Op.COMPARE_JUMP_IF_FALSE) {
                            pc = r ? pc + 2 : c[pc + 1];
                        } else if (r) {
                            self.checkpoint();
                            pc = c[pc + 1];
                        } else {
                            pc += 2;
                        }
                        break;
                    }
                    case Op.INPLACE_FAST_SMALL_INT_THEN_TEST:
                    case Op.INPLACE_FAST_SMALL_INT: {
                        // Guarded like CPython's specialised instructions: an int local that fits a
                        // long and a result that does not overflow; otherwise on to the generic case.
                        final int slot = arg & 0xffff;
                        final RcObject a = f[slot];
                        if (a instanceof RcInt x && !x.isBig()) {
                            final long d = c[pc + 1] >> 16;
                            final long v = x.value();
                            final long r = v + d;
                            // Overflow iff both operands' signs differ from the result's (Hacker's Delight 2-13).
                            if (((v ^ r) & (d ^ r)) >= 0) {
                                // INPLACE_FAST_CONST's count changes in its order, less the immortal
                                // constant's: LOAD_FAST's incref, the operation's release of its
                                // operand, then STORE_FAST's release of the old value. The result is
                                // made first (before the incref, where CPython's LOAD_FAST makes it
                                // after), so that the incref and the release of the operand sit
                                // together: no allocation (whose constructor ends in the release
                                // barrier of its final fields) between them for the JIT to keep the
                                // count's store and reload across. Under gil the step took 0.93 of
                                // its time (interpreter README, eleventh session). And a failed
                                // allocation (MemoryError) now leaves the operand's count as it was.
                                // The allocation and the old value's free are counted through
                                // self, into the thread's own accounting slot: every thread that
                                // runs this loop pays what the runtime's first attached thread
                                // pays (interpreter README, fifteenth session). Only a release
                                // that may free passes self: the one right after the incref (and
                                // result's below) cannot, since the frame still holds a
                                // reference, and self would be one more load after each of
                                // fine-grained's atomic count changes (which make the JIT load
                                // every field again).
                                final RcInt result = rt.newInt(r, self);
                                rt.incref(a);
                                rt.decref(a);
                                f[slot] = result;
                                rt.decref(a, self);
                                pc += 2;
                                if (op == Op.INPLACE_FAST_SMALL_INT_THEN_TEST) {
                                    // The loop test that follows (COMPARE_FAST_SMALL_INT_JUMP_BACK_IF_TRUE
                                    // at pc) tests this local, now result: its guard holds (an int
                                    // made from a long), so its count changes and jump, without a dispatch.
                                    rt.incref(result);
                                    final boolean jump = intTestJumps(c[pc + 3], r);
                                    rt.decref(result);
                                    if (jump) {
                                        self.checkpoint();
                                        pc = c[pc + 5];
                                        break;
                                    }
                                    pc += 6;
                                }
                                break;
                            }
                        }
                    }
                    // falls through: the guard failed
                    case Op.INPLACE_FAST_CONST: {
                        // LOAD_FAST, LOAD_CONST, BINARY, STORE_FAST: the same count changes in the
                        // same order, the operands held here instead of on the frame's stack.
                        final int slot = arg & 0xffff;
                        final RcObject a = f[slot];
                        if (a == null) {
                            throw unbound(code, slot);
                        }
                        final RcObject b = code.consts()[arg >>> 16];
                        rt.incref(a);
                        rt.incref(b);
                        // The low byte: the specialised form keeps its addend above it.
                        f[slot] = binaryReleasing(c[pc + 1] & 0xff, a, b);
                        rt.decref(a);
                        pc += 2;
                        break;
                    }
                    case Op.COMPARE_FAST_SMALL_INT_JUMP_BACK_IF_TRUE: {
                        final RcObject a = f[arg & 0xffff];
                        if (a instanceof RcInt x && !x.isBig()) {
                            // LOAD_FAST's incref and the comparison's release; the constant is immortal.
                            rt.incref(a);
                            final boolean jump = intTestJumps(c[pc + 1], x.value());
                            rt.decref(a);
                            if (jump) {
                                self.checkpoint();
                                pc = c[pc + 3];
                            } else {
                                pc += 4;
                            }
                            break;
                        }
                    }
                    // falls through: the guard failed
                    case Op.COMPARE_FAST_CONST_JUMP_BACK_IF_TRUE: {
                        final int slot = arg & 0xffff;
                        final RcObject a = f[slot];
                        if (a == null) {
                            throw unbound(code, slot);
                        }
                        final RcObject b = code.consts()[arg >>> 16];
                        rt.incref(a);
                        rt.incref(b);
                        // The low byte: the specialised form keeps its jump mask above it.
                        if (compareReleasing(c[pc + 1] & 0xff, a, b)) {
                            self.checkpoint();
                            pc = c[pc + 3];
                        } else {
                            pc += 4;
                        }
                        break;
                    }
                    case Op.POP_JUMP_BACK_IF_TRUE: {
                        final RcObject v = f[--sp];
                        if (v == trueObject || (v != falseObject && truth(v))) {
                            self.checkpoint();
                            pc = arg;
                        }
                        break;
                    }
                    case Op.LOAD_CONST: {
                        final RcObject v = code.consts()[arg];
                        rt.incref(v);
                        f[sp++] = v;
                        break;
                    }
                    case Op.STORE_FAST: {
                        final RcObject old = f[arg];
                        f[arg] = f[--sp];
                        if (old != null) {
                            rt.decref(old);
                        }
                        break;
                    }
                    case Op.BINARY: {
                        final RcObject b = f[sp - 1];
                        final RcObject a = f[sp - 2];
                        final RcObject r;
                        if (a instanceof RcInt x && b instanceof RcInt y && !x.isBig() && !y.isBig()) {
                            r = Values.intOp(rt, arg, x.value(), y.value());
                        } else {
                            r = Values.binary(rt, arg, a, b);
                        }
                        f[--sp - 1] = r;
                        rt.decref(a);
                        rt.decref(b);
                        break;
                    }
                    case Op.COMPARE: {
                        final RcObject b = f[sp - 1];
                        final RcObject a = f[sp - 2];
                        final boolean r;
                        if (a instanceof RcInt x && b instanceof RcInt y && !x.isBig() && !y.isBig() && arg <= BinOp.GE) {
                            r = compareLongs(arg, x.value(), y.value());
                        } else {
                            r = Values.compare(arg, a, b);
                        }
                        f[--sp - 1] = r ? trueObject : falseObject;
                        rt.decref(a);
                        rt.decref(b);
                        break;
                    }
                    case Op.POP_JUMP_IF_FALSE: {
                        final RcObject v = f[--sp];
                        if (v == falseObject || (v != trueObject && !truth(v))) {
                            pc = arg;
                        }
                        break;
                    }
                    case Op.POP_JUMP_IF_TRUE: {
                        final RcObject v = f[--sp];
                        if (v == trueObject || (v != falseObject && truth(v))) {
                            pc = arg;
                        }
                        break;
                    }
                    case Op.JUMP_BACK:
                        self.checkpoint();
                        pc = arg;
                        break;
                    case Op.JUMP:
                        pc = arg;
                        break;
                    case Op.JUMP_IF_FALSE_OR_POP:
                    case Op.JUMP_IF_TRUE_OR_POP: {
                        final RcObject v = f[sp - 1];
                        if (Values.isTrue(v) == (op == Op.JUMP_IF_TRUE_OR_POP)) {
                            pc = arg;
                        } else {
                            f[--sp] = null;
                            rt.decref(v);
                        }
                        break;
                    }
                    case Op.LOAD_GLOBAL:
                        f[sp++] = interp.loadGlobal(code.names()[arg]);
                        break;
                    case Op.STORE_GLOBAL: {
                        final RcObject v = f[sp - 1];
                        interp.globals().put(code.names()[arg], v);
                        f[--sp] = null;
                        rt.decref(v);
                        break;
                    }
                    case Op.POP_TOP: {
                        final RcObject v = f[--sp];
                        f[sp] = null;
                        rt.decref(v);
                        break;
                    }
                    case Op.DUP_TOP: {
                        final RcObject v = f[sp - 1];
                        rt.incref(v);
                        f[sp++] = v;
                        break;
                    }
                    case Op.DUP_TOP_TWO: {
                        final RcObject a = f[sp - 2];
                        final RcObject b = f[sp - 1];
                        rt.incref(a);
                        rt.incref(b);
                        f[sp++] = a;
                        f[sp++] = b;
                        break;
                    }
                    case Op.ROT_TWO: {
                        final RcObject v = f[sp - 1];
                        f[sp - 1] = f[sp - 2];
                        f[sp - 2] = v;
                        break;
                    }
                    case Op.ROT_THREE: {
                        final RcObject v = f[sp - 1];
                        f[sp - 1] = f[sp - 2];
                        f[sp - 2] = f[sp - 3];
                        f[sp - 3] = v;
                        break;
                    }
                    case Op.UNARY: {
                        final RcObject a = f[sp - 1];
                        f[sp - 1] = Values.unary(rt, arg, a);
                        rt.decref(a);
                        break;
                    }
                    case Op.BUILD_TUPLE: {
                        final RcObject[] items = new RcObject[arg];
                        System.arraycopy(f, sp - arg, items, 0, arg);
                        final RcTuple t = rt.newTuple(items);
                        sp = popInto(f, sp, arg, t);
                        break;
                    }
                    case Op.BUILD_LIST: {
                        final RcList l = rt.newList();
                        for (int i = sp - arg; i < sp; i++) {
                            l.append(f[i]);
                        }
                        sp = popInto(f, sp, arg, l);
                        break;
                    }
                    case Op.BUILD_DICT: {
                        final RcDict d = rt.newDict();
                        try {
                            for (int i = sp - 2 * arg; i < sp; i += 2) {
                                Values.requireHashable(f[i]);
                                d.put(f[i], f[i + 1]);
                            }
                        } catch (final PyException e) {
                            rt.decref(d);
                            throw e;
                        }
                        sp = popInto(f, sp, 2 * arg, d);
                        break;
                    }
                    case Op.SUBSCR: {
                        final RcObject index = f[sp - 1];
                        final RcObject container = f[sp - 2];
                        final RcObject r = Values.subscript(rt, container, index);
                        f[--sp] = null;
                        f[sp - 1] = r;
                        rt.decref(index);
                        rt.decref(container);
                        break;
                    }
                    case Op.STORE_SUBSCR: {
                        final RcObject index = f[sp - 1];
                        final RcObject container = f[sp - 2];
                        final RcObject value = f[sp - 3];
                        Values.storeSubscript(container, index, value);
                        sp -= 3;
                        f[sp] = null;
                        f[sp + 1] = null;
                        f[sp + 2] = null;
                        rt.decref(index);
                        rt.decref(container);
                        rt.decref(value);
                        break;
                    }
                    case Op.UNPACK:
                        sp = unpack(f, sp, arg);
                        break;
                    case Op.LOAD_ATTR: {
                        final RcObject o = f[sp - 1];
                        if (!(o instanceof PyModule module)) {
                            throw new PyException("AttributeError", "'" + o.typeName() + "' object has no attribute '"
                                    + code.names()[arg].value() + "' (the rclab subset reads attributes of modules only;"
                                    + " call methods directly)");
                        }
                        final RcObject v = module.get(code.names()[arg].value());
                        rt.incref(v);
                        f[sp - 1] = v;
                        rt.decref(o);
                        break;
                    }
                    case Op.CALL:
                        pendingCall = code.calls()[arg];
                        return leave(pc, sp);
                    case Op.RETURN: {
                        final RcObject v = f[--sp];
                        f[sp] = null;
                        releaseSlots(f, sp);
                        return v;
                    }
                    case Op.GET_ITER: {
                        final RcObject o = f[sp - 1];
                        f[sp - 1] = iterator(o);
                        rt.decref(o);
                        break;
                    }
                    case Op.FOR_ITER: {
                        final PyIterator it = (PyIterator) f[sp - 1];
                        final RcObject next = it.next(rt);
                        if (next == null) {
                            f[--sp] = null;
                            rt.decref(it);
                            pc = arg;
                        } else {
                            f[sp++] = next;
                        }
                        break;
                    }
                    case Op.MAKE_FUNCTION: {
                        final Code body = code.functions()[arg];
                        final int n = body.defaultCount();
                        final RcObject[] defaults = new RcObject[n];
                        System.arraycopy(f, sp - n, defaults, 0, n);
                        final PyFunction fn = rt.adopt(new PyFunction(interp, body, defaults));
                        // The function takes over the stack's references to its defaults.
                        for (int i = sp - n; i < sp; i++) {
                            f[i] = null;
                        }
                        sp -= n;
                        f[sp++] = fn;
                        break;
                    }
                    case Op.IMPORT:
                        f[sp++] = interp.module(code.names()[arg].value());
                        break;
                    case Op.IMPORT_FROM: {
                        final RcObject v = ((PyModule) f[sp - 1]).get(code.names()[arg].value());
                        rt.incref(v);
                        f[sp++] = v;
                        break;
                    }
                    default:
                        throw new IllegalStateException("bad opcode " + op + " at " + (pc - 2) + " in " + code.name());
                }
            }
        } catch (final PyException | ArithmeticException | OutOfMemoryError e) {
            throw unwind(e, code, pc, f, sp);
        }
    }

    /**
     * A failure in the instruction before {@code pc} leaves this frame: the traceback gains its
     * line, and the slots below {@code sp} are released.
     */
    private PyException unwind(final Throwable e, final Code code, final int pc, final RcObject[] f, final int sp) {
        // Sizes past what Java arrays, strings and BigIntegers hold become Python's errors.
        final PyException py = e instanceof PyException p ? p
                : new PyException(e instanceof ArithmeticException ? "OverflowError" : "MemoryError",
                        e instanceof ArithmeticException ? "result too large" : "");
        py.addFrame(interp.fileName(), code.lineAt(pc - 2), code.name(), interp.sourceLine(code.lineAt(pc - 2)));
        releaseSlots(f, sp);
        return py;
    }

    /** Leaves {@link #loop} for {@link #run}, to go on at {@code pc} with the stack at {@code sp}. */
    private RcObject leave(final int pc, final int sp) {
        resumePc = pc;
        resumeSp = sp;
        return null;
    }

    /**
     * Whether an int-specialised loop test jumps back for a local's value: {@code ext} is its first
     * {@link Op#EXT} word, the mask of the outcomes that jump (bit 0 less, 1 equal, 2 greater) above
     * the {@link BinOp} code's byte and the constant in the high 16 bits.
     */
    private static boolean intTestJumps(final int ext, final long value) {
        final int outcome = Long.compare(value, ext >> 16) + 1;
        return (ext >>> 8 + outcome & 1) != 0;
    }

    private static PyException unbound(final Code code, final int slot) {
        return new PyException("UnboundLocalError", "cannot access local variable '" + code.localNames()[slot]
                + "' where it is not associated with a value");
    }

    private static boolean compareLongs(final int op, final long x, final long y) {
        switch (op) {
            case BinOp.LT:
                return x < y;
            case BinOp.LE:
                return x <= y;
            case BinOp.EQ:
                return x == y;
            case BinOp.NE:
                return x != y;
            case BinOp.GT:
                return x > y;
            default:
                return x >= y;
        }
    }

    /**
     * {@code a <op> b} for a superinstruction that holds one reference to each operand outside the
     * frame: releases both, also when the operation raises (nothing else would).
     */
    private RcObject binaryReleasing(final int op, final RcObject a, final RcObject b) {
        try {
            if (a instanceof RcInt x && b instanceof RcInt y && !x.isBig() && !y.isBig()) {
                return Values.intOp(rt, op, x.value(), y.value());
            }
            return Values.binary(rt, op, a, b);
        } finally {
            rt.decref(a);
            rt.decref(b);
        }
    }

    /** The comparison {@code a <op> b} of operands held as {@link #binaryReleasing} holds them; releases both. */
    private boolean compareReleasing(final int op, final RcObject a, final RcObject b) {
        try {
            if (a instanceof RcInt x && b instanceof RcInt y && !x.isBig() && !y.isBig() && op <= BinOp.GE) {
                return compareLongs(op, x.value(), y.value());
            }
            return Values.compare(op, a, b);
        } finally {
            rt.decref(a);
            rt.decref(b);
        }
    }

    /** Truth of a value popped off the stack: releases the stack's reference to it. */
    private boolean truth(final RcObject v) {
        try {
            return Values.isTrue(v);
        } finally {
            rt.decref(v);
        }
    }

    private int popInto(final RcObject[] f, final int sp, final int n, final RcObject result) {
        for (int i = sp - n; i < sp; i++) {
            final RcObject v = f[i];
            f[i] = null;
            rt.decref(v);
        }
        f[sp - n] = result;
        return sp - n + 1;
    }

    private int unpack(final RcObject[] f, final int sp, final int n) {
        final RcObject seq = f[sp - 1];
        final RcObject[] items;
        if (seq instanceof RcTuple || seq instanceof RcList) {
            final int size = seq instanceof RcTuple t ? t.size() : ((RcList) seq).size();
            if (size != n) {
                throw new PyException("ValueError", size > n ? "too many values to unpack (expected " + n + ")"
                        : "not enough values to unpack (expected " + n + ", got " + size + ")");
            }
            items = Values.items(seq).toArray(new RcObject[0]);
        } else {
            throw PyException.typeError("cannot unpack non-iterable " + seq.typeName() + " object");
        }
        f[sp - 1] = null;
        for (int i = 0; i < n; i++) {
            f[sp - 1 + i] = items[n - 1 - i];
        }
        rt.decref(seq);
        return sp - 1 + n;
    }

    private RcObject iterator(final RcObject o) {
        if (o instanceof PyRange r) {
            return PyIterator.range(rt, r.start, r.stop, r.step);
        }
        if (o instanceof RcList || o instanceof RcTuple || o instanceof RcStr) {
            return PyIterator.sequence(rt, o);
        }
        if (o instanceof RcDict d) {
            final RcObject[] entries = d.snapshot();
            final RcObject[] keys = new RcObject[entries.length / 2];
            for (int i = 0; i < entries.length; i += 2) {
                keys[i / 2] = entries[i];
                rt.decref(entries[i + 1]);
            }
            return PyIterator.snapshot(rt, keys);
        }
        if (o instanceof PyIterator) {
            rt.incref(o);
            return o;
        }
        throw PyException.typeError("'" + o.typeName() + "' object is not iterable");
    }

    /**
     * A call: the callable (or a method's receiver) sits below its arguments on the stack. The
     * arguments are borrowed by the callee (a function's frame takes its own references), then
     * released here with the callable, and the result takes their place.
     */
    private int call(final CallSite site, final RcObject[] f, final int sp) {
        final int nKw = site.keywords().length;
        final int base = sp - site.argc() - nKw - 1;
        final RcObject[] args = new RcObject[site.argc()];
        System.arraycopy(f, base + 1, args, 0, args.length);
        RcObject[] kwValues = NO_ARGS;
        if (nKw > 0) {
            kwValues = new RcObject[nKw];
            System.arraycopy(f, base + 1 + site.argc(), kwValues, 0, nKw);
        }
        final RcObject target = f[base];
        final RcObject result;
        if (site.method() == null) {
            result = callObject(target, args, site.keywords(), kwValues);
        } else if (target instanceof PyModule module) {
            result = callObject(module.get(site.method()), args, site.keywords(), kwValues);
        } else {
            result = Methods.call(this, target, site.method(), args, site.keywords(), kwValues);
        }
        for (int i = base; i < sp; i++) {
            final RcObject v = f[i];
            f[i] = null;
            rt.decref(v);
        }
        f[base] = result;
        return base + 1;
    }
}
