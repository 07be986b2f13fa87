package org.rclab.interp.compile;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.rclab.object.RcInt;
import org.rclab.object.RcObject;
import org.rclab.object.RcStr;

/**
 * Compiles a module's syntax tree to {@link Code}. Inside a function, a name assigned anywhere in
 * the body (and not declared {@code global}) is a local in a numbered slot; every other name is
 * global, looked up in the module and then the builtins, as in CPython.
 */
public final class Compiler {
    /** The built-in modules a program may import, and the names each provides. */
    public static final Map<String, Set<String>> MODULES = Map.of(
            "time", Set.of("time", "perf_counter", "thread_time", "sleep"),
            "threading", Set.of("Thread", "Lock"),
            "multiprocessing", Set.of("Pool"));

    private final Function<Object, RcObject> constant;
    private final String name;
    private final Set<String> locals;
    private final boolean isModule;
    private final Map<Object, Integer> constIndex = new HashMap<>();
    private final List<RcObject> consts = new ArrayList<>();
    private final Map<String, Integer> nameIndex = new LinkedHashMap<>();
    private final List<CallSite> calls = new ArrayList<>();
    private final List<Code> functions = new ArrayList<>();
    private final ArrayDeque<Loop> loops = new ArrayDeque<>();
    private final Function<String, RcStr> str;
    private int[] code = new int[64];
    private int[] lines = new int[32];
    private int size;
    private int depth;
    private int maxDepth;
    private int line = 1;

    /**
     * Never-executed words after a body's last instruction. The evaluator reads an instruction's
     * extension words at fixed offsets, up to {@code pc + 9} (the jump target of the loop test
     * that {@link Op#INPLACE_FAST_SMALL_INT_THEN_TEST} runs); C2 merges the range checks of
     * {@code c[pc]}, {@code c[pc + 1]} and those later reads into one at the top of the dispatch
     * loop (range-check smearing, a speculation), which fails at the {@code RETURN} that ends a
     * body shorter than that window, and every such failure deoptimises and recompiles the whole
     * loop: three {@code range_check} deoptimisations of {@code Eval.run} at the dispatch's
     * {@code c[pc + 1]} in one benchmark fork (JFR {@code jdk.Deoptimization}), the first measured
     * iteration then running in C1's profiling code. With the tail every such read is in bounds.
     */
    static final int TAIL_WORDS = 8;

    private static final class Loop {
        /** Where {@code continue} jumps back to, or -1 if it jumps forward to a test patched later. */
        final int continueTarget;
        final boolean isFor;
        final List<Integer> breaks = new ArrayList<>();
        final List<Integer> continues = new ArrayList<>();

        Loop(final int continueTarget, final boolean isFor) {
            this.continueTarget = continueTarget;
            this.isFor = isFor;
        }
    }

    private Compiler(final String name, final Set<String> locals, final boolean isModule,
                     final Function<Object, RcObject> constant, final Function<String, RcStr> str) {
        this.name = name;
        this.locals = locals;
        this.isModule = isModule;
        this.constant = constant;
        this.str = str;
    }

    /**
     * Compiles a module body.
     *
     * @param body the parsed statements
     * @param constant makes the runtime object of a constant (Long, BigInteger, Double, String,
     *        Boolean or null) with a reference the code will own
     * @param str makes a str the code will own (for names)
     * @return the module's code
     * @throws PySyntaxError for a construct the subset refuses (an import of an unknown module, ...)
     */
    public static Code compileModule(final List<Node> body, final Function<Object, RcObject> constant,
                                     final Function<String, RcStr> str) {
        final Compiler c = new Compiler("<module>", Set.of(), true, constant, str);
        c.statements(body);
        c.emit(Op.LOAD_CONST, c.constant(null), 1);
        c.emit(Op.RETURN, 0, -1);
        return c.finish(0, 0);
    }

    private Code finish(final int paramCount, final int defaultCount) {
        final RcStr[] names = new RcStr[nameIndex.size()];
        int i = 0;
        for (final String n : nameIndex.keySet()) {
            names[i++] = str.apply(n);
        }
        // EXT pairs past the end (see TAIL_WORDS); the line table covers the instructions only.
        final int[] finalCode = java.util.Arrays.copyOf(code, size + TAIL_WORDS);
        for (int pc = size; pc < finalCode.length; pc += 2) {
            finalCode[pc] = Op.EXT;
        }
        final int[] finalLines = java.util.Arrays.copyOf(lines, size / 2);
        return new Code(name, finalCode, finalLines, consts.toArray(new RcObject[0]), names,
                calls.toArray(new CallSite[0]), functions.toArray(new Code[0]), locals.toArray(new String[0]),
                paramCount, defaultCount, maxDepth + 1);
    }

    // ---------------------------------------------------------------- emitting

    private int emit(final int op, final int arg, final int stackEffect) {
        if (size + 2 > code.length) {
            code = java.util.Arrays.copyOf(code, code.length * 2);
            lines = java.util.Arrays.copyOf(lines, code.length / 2);
        }
        final int at = size;
        code[size++] = op;
        code[size++] = arg;
        lines[at / 2] = line;
        depth += stackEffect;
        maxDepth = Math.max(maxDepth, depth);
        return at;
    }

    private void patch(final int at, final int target) {
        code[at + 1] = target;
    }

    private int constant(final Object value) {
        // Keyed by class too: 1, 1.0 and True are equal in Java's eyes only sometimes, never here.
        final List<Object> key = java.util.Arrays.asList(value == null ? Void.class : value.getClass(), value);
        final Integer known = constIndex.get(key);
        if (known != null) {
            return known;
        }
        consts.add(constant.apply(value));
        constIndex.put(key, consts.size() - 1);
        return consts.size() - 1;
    }

    private int name(final String n) {
        return nameIndex.computeIfAbsent(n, k -> nameIndex.size());
    }

    private int localSlot(final String n) {
        int i = 0;
        for (final String l : locals) {
            if (l.equals(n)) {
                return i;
            }
            i++;
        }
        return -1;
    }

    // ---------------------------------------------------------------- statements

    private void statements(final List<Node> body) {
        for (final Node n : body) {
            statement(n);
        }
    }

    private void statement(final Node n) {
        line = n.line();
        if (n instanceof Node.ExprStmt s) {
            expression(s.value());
            emit(Op.POP_TOP, 0, -1);
        } else if (n instanceof Node.Assign a) {
            expression(a.value());
            for (int i = 0; i < a.targets().size(); i++) {
                if (i < a.targets().size() - 1) {
                    emit(Op.DUP_TOP, 0, 1);
                }
                store(a.targets().get(i));
            }
        } else if (n instanceof Node.AugAssign a) {
            augAssign(a);
        } else if (n instanceof Node.If s) {
            final int toElse = jumpIfFalse(s.test());
            statements(s.body());
            if (s.orElse().isEmpty()) {
                patch(toElse, size);
            } else {
                final int toEnd = emit(Op.JUMP, 0, 0);
                patch(toElse, size);
                statements(s.orElse());
                patch(toEnd, size);
            }
        } else if (n instanceof Node.While w) {
            // CPython's layout: the test sits at the bottom, so each turn takes one conditional
            // back-jump (the loop's back-edge and checkpoint) and no unconditional one.
            final int toTest = emit(Op.JUMP, 0, 0);
            final int body = size;
            final Loop loop = new Loop(-1, false);
            loops.push(loop);
            statements(w.body());
            loops.pop();
            patch(toTest, size);
            loop.continues.forEach(c -> patch(c, size));
            line = w.line();
            final int test = size;
            jumpBackIfTrue(w.test(), body);
            joinToTest(test);
            loop.breaks.forEach(b -> patch(b, size));
        } else if (n instanceof Node.For f) {
            expression(f.iter());
            emit(Op.GET_ITER, 0, 0);
            final int top = size;
            final Loop loop = new Loop(top, true);
            final int exit = emit(Op.FOR_ITER, 0, 1);
            store(f.target());
            loops.push(loop);
            statements(f.body());
            loops.pop();
            line = f.line();
            emit(Op.JUMP_BACK, top, 0);
            depth -= 1; // FOR_ITER's exit pops the iterator
            patch(exit, size);
            loop.breaks.forEach(b -> patch(b, size));
        } else if (n instanceof Node.Break) {
            final Loop loop = loops.peek();
            if (loop == null) {
                throw new PySyntaxError(n.line(), n.col(), "'break' outside loop", false);
            }
            if (loop.isFor) {
                emit(Op.POP_TOP, 0, -1);
                depth += 1;
            }
            loop.breaks.add(emit(Op.JUMP, 0, 0));
        } else if (n instanceof Node.Continue) {
            final Loop loop = loops.peek();
            if (loop == null) {
                throw new PySyntaxError(n.line(), n.col(), "'continue' not properly in loop", false);
            }
            if (loop.continueTarget < 0) {
                loop.continues.add(emit(Op.JUMP, 0, 0));
            } else {
                emit(Op.JUMP_BACK, loop.continueTarget, 0);
            }
        } else if (n instanceof Node.Pass) {
            return;
        } else if (n instanceof Node.Return r) {
            if (isModule) {
                throw new PySyntaxError(n.line(), n.col(), "'return' outside function", false);
            }
            if (r.value() == null) {
                emit(Op.LOAD_CONST, constant(null), 1);
            } else {
                expression(r.value());
            }
            emit(Op.RETURN, 0, -1);
        } else if (n instanceof Node.Global) {
            return; // resolved when the function's locals were collected
        } else if (n instanceof Node.FunctionDef d) {
            functionDef(d);
        } else if (n instanceof Node.Import i) {
            requireModule(i.module(), n);
            emit(Op.IMPORT, name(i.module()), 1);
            storeName(i.alias() != null ? i.alias() : i.module());
        } else if (n instanceof Node.ImportFrom f) {
            final Set<String> provided = requireModule(f.module(), n);
            emit(Op.IMPORT, name(f.module()), 1);
            for (int k = 0; k < f.names().size(); k++) {
                final String imported = f.names().get(k);
                if (!provided.contains(imported)) {
                    throw new PySyntaxError(n.line(), n.col(), "cannot import name '" + imported + "' from '"
                            + f.module() + "': the rclab subset provides " + String.join(", ",
                            new java.util.TreeSet<>(provided)), true);
                }
                emit(Op.IMPORT_FROM, name(imported), 1);
                storeName(f.aliases().get(k));
            }
            emit(Op.POP_TOP, 0, -1);
        } else {
            throw new PySyntaxError(n.line(), n.col(), "this statement is outside the rclab subset", true);
        }
    }

    /** Emits a test that jumps forward when false; returns the jump to patch. */
    private int jumpIfFalse(final Node test) {
        if (isSimpleCompare(test)) {
            final Node.Compare c = (Node.Compare) test;
            operands(c.first(), c.rest().get(0));
            line = c.line();
            emit(Op.COMPARE_JUMP_IF_FALSE, BinOp.COMPARE.indexOf(c.ops().get(0)), -2);
            return emit(Op.EXT, 0, 0);
        }
        expression(test);
        return emit(Op.POP_JUMP_IF_FALSE, 0, -1);
    }

    /** Emits a loop's bottom test: when true, checkpoint and jump back to {@code target}. */
    private void jumpBackIfTrue(final Node test, final int target) {
        if (isSimpleCompare(test)) {
            final Node.Compare c = (Node.Compare) test;
            final int localAndConstant = localAndConstant(c.first(), c.rest().get(0));
            if (localAndConstant >= 0) {
                line = c.line();
                final int cmp = BinOp.COMPARE.indexOf(c.ops().get(0));
                if (isSmallInt(c.rest().get(0)) && cmp <= BinOp.GE) {
                    final int k = (int) (long) (Long) ((Node.Literal) c.rest().get(0)).value();
                    emit(Op.COMPARE_FAST_SMALL_INT_JUMP_BACK_IF_TRUE, localAndConstant, 0);
                    emit(Op.EXT, cmp | jumpMask(cmp) << 8 | k << 16, 0);
                } else {
                    emit(Op.COMPARE_FAST_CONST_JUMP_BACK_IF_TRUE, localAndConstant, 0);
                    emit(Op.EXT, cmp, 0);
                }
                emit(Op.EXT, target, 0);
                return;
            }
            operands(c.first(), c.rest().get(0));
            line = c.line();
            emit(Op.COMPARE_JUMP_BACK_IF_TRUE, BinOp.COMPARE.indexOf(c.ops().get(0)), -2);
            emit(Op.EXT, target, 0);
            return;
        }
        expression(test);
        emit(Op.POP_JUMP_BACK_IF_TRUE, target, -1);
    }

    /**
     * Makes an int-specialised {@code local op= k} that ends a loop body directly before an
     * int-specialised loop test of the same local at {@code test} run that test itself
     * ({@link Op#INPLACE_FAST_SMALL_INT_THEN_TEST}). Only the instruction right before the test
     * can be it: instructions are whole pairs, and an operand pair's opcode word is {@link Op#EXT}.
     */
    private void joinToTest(final int test) {
        final int previous = test - 4;
        if (previous >= 0 && code[previous] == Op.INPLACE_FAST_SMALL_INT
                && code[test] == Op.COMPARE_FAST_SMALL_INT_JUMP_BACK_IF_TRUE
                && (code[previous + 1] & 0xffff) == (code[test + 1] & 0xffff)) {
            code[previous] = Op.INPLACE_FAST_SMALL_INT_THEN_TEST;
        }
    }

    /** Whether a node is an int literal the runtime's small-int cache holds (immortal). */
    private static boolean isSmallInt(final Node n) {
        return n instanceof Node.Literal l && l.value() instanceof Long v && RcInt.isSmall(v);
    }

    /**
     * The outcomes of {@code Long.compare(x, y) + 1} (0 less, 1 equal, 2 greater) for which an
     * ordering comparison holds, as a bit mask (CPython 3.11's {@code when_to_jump_mask}).
     */
    private static int jumpMask(final int cmp) {
        switch (cmp) {
            case BinOp.LT:
                return 0b001;
            case BinOp.LE:
                return 0b011;
            case BinOp.EQ:
                return 0b010;
            case BinOp.NE:
                return 0b101;
            case BinOp.GT:
                return 0b100;
            default:
                return 0b110;
        }
    }

    private static boolean isSimpleCompare(final Node test) {
        return test instanceof Node.Compare c && c.ops().size() == 1;
    }

    /**
     * A local and a constant as {@link Op#LOAD_FAST_LOAD_CONST}'s argument (the slot in the low 16
     * bits, the constant's index above), or -1 if the operands are not a local then a constant.
     */
    private int localAndConstant(final Node left, final Node right) {
        if (left instanceof Node.Name name && localSlot(name.id()) >= 0 && right instanceof Node.Literal literal) {
            final int slot = localSlot(name.id());
            final int constant = constant(literal.value());
            if (slot <= 0xffff && constant <= 0x7fff) {
                return slot | constant << 16;
            }
        }
        return -1;
    }

    /** Pushes two operands, fusing a local followed by a constant into one instruction. */
    private void operands(final Node left, final Node right) {
        if (left instanceof Node.Name name && localSlot(name.id()) >= 0 && right instanceof Node.Literal literal) {
            final int savedLine = line;
            line = left.line();
            final int slot = localSlot(name.id());
            final int constant = constant(literal.value());
            if (slot <= 0xffff && constant <= 0xffff) {
                emit(Op.LOAD_FAST_LOAD_CONST, slot | constant << 16, 2);
                line = savedLine;
                return;
            }
            line = savedLine;
        }
        expression(left);
        expression(right);
    }

    private static Set<String> requireModule(final String module, final Node at) {
        final Set<String> provided = MODULES.get(module);
        if (provided == null) {
            throw new PySyntaxError(at.line(), at.col(), "no module named '" + module
                    + "' in the rclab subset (built-in modules: multiprocessing, threading, time)", true);
        }
        return provided;
    }

    private void augAssign(final Node.AugAssign a) {
        final int op = BinOp.BINARY.indexOf(a.op());
        if (a.target() instanceof Node.Name target) {
            final int localAndConstant = localAndConstant(target, a.value());
            if (localAndConstant >= 0) {
                line = a.line();
                if ((op == BinOp.ADD || op == BinOp.SUB) && isSmallInt(a.value())) {
                    final int k = (int) (long) (Long) ((Node.Literal) a.value()).value();
                    emit(Op.INPLACE_FAST_SMALL_INT, localAndConstant, 0);
                    emit(Op.EXT, op | (op == BinOp.ADD ? k : -k) << 16, 0);
                } else {
                    emit(Op.INPLACE_FAST_CONST, localAndConstant, 0);
                    emit(Op.EXT, op, 0);
                }
                return;
            }
            operands(target, a.value());
            line = a.line();
            emit(Op.BINARY, op, -1);
            storeName(target.id());
        } else {
            final Node.Subscript s = (Node.Subscript) a.target();
            expression(s.value());
            expression(s.index());
            emit(Op.DUP_TOP_TWO, 0, 2);
            line = a.line();
            emit(Op.SUBSCR, 0, -1);
            expression(a.value());
            line = a.line();
            emit(Op.BINARY, op, -1);
            emit(Op.ROT_THREE, 0, 0);
            emit(Op.STORE_SUBSCR, 0, -3);
        }
    }

    private void functionDef(final Node.FunctionDef d) {
        if (!isModule) {
            throw new PySyntaxError(d.line(), d.col(), "nested functions are outside the rclab subset", true);
        }
        for (final Node def : d.defaults()) {
            expression(def);
        }
        final Set<String> globals = new LinkedHashSet<>();
        final Set<String> assigned = new LinkedHashSet<>(d.params());
        collectNames(d.body(), assigned, globals);
        for (final String g : globals) {
            if (d.params().contains(g)) {
                throw new PySyntaxError(d.line(), d.col(), "name '" + g + "' is parameter and global", false);
            }
        }
        assigned.removeAll(globals);
        final Compiler inner = new Compiler(d.name(), assigned, false, constant, str);
        inner.line = d.line();
        inner.statements(d.body());
        inner.emit(Op.LOAD_CONST, inner.constant(null), 1);
        inner.emit(Op.RETURN, 0, -1);
        functions.add(inner.finish(d.params().size(), d.defaults().size()));
        line = d.line();
        emit(Op.MAKE_FUNCTION, functions.size() - 1, 1 - d.defaults().size());
        storeName(d.name());
    }

    /** Finds the names a function body binds, and those it declares global. */
    private static void collectNames(final List<Node> body, final Set<String> assigned, final Set<String> globals) {
        for (final Node n : body) {
            if (n instanceof Node.Assign a) {
                a.targets().forEach(t -> collectTargets(t, assigned));
            } else if (n instanceof Node.AugAssign a) {
                collectTargets(a.target(), assigned);
            } else if (n instanceof Node.For f) {
                collectTargets(f.target(), assigned);
                collectNames(f.body(), assigned, globals);
            } else if (n instanceof Node.While w) {
                collectNames(w.body(), assigned, globals);
            } else if (n instanceof Node.If i) {
                collectNames(i.body(), assigned, globals);
                collectNames(i.orElse(), assigned, globals);
            } else if (n instanceof Node.Global g) {
                globals.addAll(g.names());
            } else if (n instanceof Node.Import i) {
                assigned.add(i.alias() != null ? i.alias() : i.module());
            } else if (n instanceof Node.ImportFrom f) {
                assigned.addAll(f.aliases());
            } else if (n instanceof Node.FunctionDef d) {
                assigned.add(d.name());
            }
        }
    }

    private static void collectTargets(final Node target, final Set<String> assigned) {
        if (target instanceof Node.Name n) {
            assigned.add(n.id());
        } else if (target instanceof Node.TupleExpr t) {
            t.items().forEach(i -> collectTargets(i, assigned));
        } else if (target instanceof Node.ListExpr l) {
            l.items().forEach(i -> collectTargets(i, assigned));
        }
    }

    private void store(final Node target) {
        if (target instanceof Node.Name n) {
            storeName(n.id());
        } else if (target instanceof Node.Subscript s) {
            expression(s.value());
            expression(s.index());
            emit(Op.STORE_SUBSCR, 0, -3);
        } else if (target instanceof Node.TupleExpr || target instanceof Node.ListExpr) {
            final List<Node> items = target instanceof Node.TupleExpr t ? t.items() : ((Node.ListExpr) target).items();
            emit(Op.UNPACK, items.size(), items.size() - 1);
            for (final Node item : items) {
                store(item);
            }
        } else {
            throw new PySyntaxError(target.line(), target.col(), "cannot assign to this expression", false);
        }
    }

    private void storeName(final String id) {
        final int slot = localSlot(id);
        if (slot >= 0) {
            emit(Op.STORE_FAST, slot, -1);
        } else {
            emit(Op.STORE_GLOBAL, name(id), -1);
        }
    }

    private void load(final String id) {
        final int slot = localSlot(id);
        if (slot >= 0) {
            emit(Op.LOAD_FAST, slot, 1);
        } else {
            emit(Op.LOAD_GLOBAL, name(id), 1);
        }
    }

    // ---------------------------------------------------------------- expressions

    private void expression(final Node n) {
        final int savedLine = line;
        line = n.line();
        expressionAt(n);
        line = savedLine;
    }

    private void expressionAt(final Node n) {
        if (n instanceof Node.Literal l) {
            emit(Op.LOAD_CONST, constant(l.value()), 1);
        } else if (n instanceof Node.Name id) {
            load(id.id());
        } else if (n instanceof Node.Binary b) {
            operands(b.left(), b.right());
            line = b.line();
            emit(Op.BINARY, BinOp.BINARY.indexOf(b.op()), -1);
        } else if (n instanceof Node.Unary u) {
            expression(u.operand());
            line = u.line();
            emit(Op.UNARY, List.of("-", "+", "~", "not").indexOf(u.op()), 0);
        } else if (n instanceof Node.BoolOp b) {
            expression(b.left());
            final int jump = emit(b.isAnd() ? Op.JUMP_IF_FALSE_OR_POP : Op.JUMP_IF_TRUE_OR_POP, 0, -1);
            expression(b.right());
            patch(jump, size);
        } else if (n instanceof Node.Compare c) {
            compare(c);
        } else if (n instanceof Node.IfExp e) {
            expression(e.test());
            final int toElse = emit(Op.POP_JUMP_IF_FALSE, 0, -1);
            expression(e.body());
            final int toEnd = emit(Op.JUMP, 0, -1);
            patch(toElse, size);
            expression(e.orElse());
            patch(toEnd, size);
        } else if (n instanceof Node.Call c) {
            call(c);
        } else if (n instanceof Node.Attribute a) {
            expression(a.value());
            line = a.line();
            emit(Op.LOAD_ATTR, name(a.attr()), 0);
        } else if (n instanceof Node.Subscript s) {
            expression(s.value());
            expression(s.index());
            line = s.line();
            emit(Op.SUBSCR, 0, -1);
        } else if (n instanceof Node.TupleExpr t) {
            t.items().forEach(this::expression);
            emit(Op.BUILD_TUPLE, t.items().size(), 1 - t.items().size());
        } else if (n instanceof Node.ListExpr l) {
            l.items().forEach(this::expression);
            emit(Op.BUILD_LIST, l.items().size(), 1 - l.items().size());
        } else if (n instanceof Node.DictExpr d) {
            for (int i = 0; i < d.keys().size(); i++) {
                expression(d.keys().get(i));
                expression(d.values().get(i));
            }
            emit(Op.BUILD_DICT, d.keys().size(), 1 - 2 * d.keys().size());
        } else {
            throw new PySyntaxError(n.line(), n.col(), "this expression is outside the rclab subset", true);
        }
    }

    /** {@code a < b < c}: b is evaluated once; the chain stops at the first false link. */
    private void compare(final Node.Compare c) {
        expression(c.first());
        final List<Integer> cleanups = new ArrayList<>();
        for (int i = 0; i < c.ops().size(); i++) {
            expression(c.rest().get(i));
            final boolean last = i == c.ops().size() - 1;
            if (!last) {
                emit(Op.DUP_TOP, 0, 1);
                emit(Op.ROT_THREE, 0, 0);
            }
            line = c.line();
            emit(Op.COMPARE, BinOp.COMPARE.indexOf(c.ops().get(i)), -1);
            if (!last) {
                cleanups.add(emit(Op.JUMP_IF_FALSE_OR_POP, 0, -1));
            }
        }
        if (!cleanups.isEmpty()) {
            final int toEnd = emit(Op.JUMP, 0, 0);
            // A false link leaves [b, False]: drop b, keep False.
            cleanups.forEach(at -> patch(at, size));
            depth += 1;
            emit(Op.ROT_TWO, 0, 0);
            emit(Op.POP_TOP, 0, -1);
            patch(toEnd, size);
        }
    }

    private void call(final Node.Call c) {
        String method = null;
        if (c.func() instanceof Node.Attribute a) {
            expression(a.value());
            method = a.attr();
        } else {
            expression(c.func());
        }
        c.args().forEach(this::expression);
        c.keywordValues().forEach(this::expression);
        line = c.line();
        calls.add(new CallSite(c.args().size(), c.keywords().toArray(new String[0]), method));
        emit(Op.CALL, calls.size() - 1, -(c.args().size() + c.keywords().size()));
    }
}
