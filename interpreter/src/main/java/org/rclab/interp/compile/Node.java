package org.rclab.interp.compile;

import java.util.List;

/** The syntax tree of the subset: one record per construct, each with its line and column. */
public sealed interface Node {
    /**
     * The line, from 1.
     *
     * @return the line
     */
    int line();

    /**
     * The column, from 1.
     *
     * @return the column
     */
    int col();

    // ---------------------------------------------------------------- expressions

    /** An int, float or str literal, or {@code True}/{@code False}/{@code None} (value null). */
    record Literal(int line, int col, Object value) implements Node { }

    /** A name read or written. */
    record Name(int line, int col, String id) implements Node { }

    /** {@code left op right} for an arithmetic or bitwise operator. */
    record Binary(int line, int col, String op, Node left, Node right) implements Node { }

    /** {@code op operand} for {@code -}, {@code +}, {@code ~}, {@code not}. */
    record Unary(int line, int col, String op, Node operand) implements Node { }

    /** {@code a and b} / {@code a or b}. */
    record BoolOp(int line, int col, boolean isAnd, Node left, Node right) implements Node { }

    /** A comparison chain {@code a < b <= c}. */
    record Compare(int line, int col, Node first, List<String> ops, List<Node> rest) implements Node { }

    /** {@code body if test else orElse}. */
    record IfExp(int line, int col, Node test, Node body, Node orElse) implements Node { }

    /** A call with positional and keyword arguments. */
    record Call(int line, int col, Node func, List<Node> args, List<String> keywords, List<Node> keywordValues)
            implements Node { }

    /** {@code value.attr}. */
    record Attribute(int line, int col, Node value, String attr) implements Node { }

    /** {@code value[index]}. */
    record Subscript(int line, int col, Node value, Node index) implements Node { }

    /** A tuple display or bare comma list. */
    record TupleExpr(int line, int col, List<Node> items) implements Node { }

    /** A list display. */
    record ListExpr(int line, int col, List<Node> items) implements Node { }

    /** A dict display. */
    record DictExpr(int line, int col, List<Node> keys, List<Node> values) implements Node { }

    // ---------------------------------------------------------------- statements

    /** An expression evaluated for its effect. */
    record ExprStmt(int line, int col, Node value) implements Node { }

    /** {@code t1 = t2 = value}. */
    record Assign(int line, int col, List<Node> targets, Node value) implements Node { }

    /** {@code target op= value}. */
    record AugAssign(int line, int col, Node target, String op, Node value) implements Node { }

    /** {@code if}/{@code elif}/{@code else}; an elif is an If in orElse. */
    record If(int line, int col, Node test, List<Node> body, List<Node> orElse) implements Node { }

    /** {@code while test: body}. */
    record While(int line, int col, Node test, List<Node> body) implements Node { }

    /** {@code for target in iter: body}. */
    record For(int line, int col, Node target, Node iter, List<Node> body) implements Node { }

    /** {@code break}. */
    record Break(int line, int col) implements Node { }

    /** {@code continue}. */
    record Continue(int line, int col) implements Node { }

    /** {@code pass}. */
    record Pass(int line, int col) implements Node { }

    /** {@code return [value]}; value null for a bare return. */
    record Return(int line, int col, Node value) implements Node { }

    /** {@code global a, b}. */
    record Global(int line, int col, List<String> names) implements Node { }

    /** {@code def name(params): body}; defaults belong to the last parameters. */
    record FunctionDef(int line, int col, String name, List<String> params, List<Node> defaults, List<Node> body)
            implements Node { }

    /** {@code import module [as alias]}, one per module named. */
    record Import(int line, int col, String module, String alias) implements Node { }

    /** {@code from module import name [as alias], ...}. */
    record ImportFrom(int line, int col, String module, List<String> names, List<String> aliases) implements Node { }
}
