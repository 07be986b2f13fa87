package org.rclab.interp.compile;

import java.util.List;

/** The operator codes carried by {@link Op#BINARY} and {@link Op#COMPARE}. */
public final class BinOp {
    /** Binary operators, by code. */
    public static final List<String> BINARY = List.of("+", "-", "*", "/", "//", "%", "**", "<<", ">>", "&", "|", "^");
    /** Comparison operators, by code. */
    public static final List<String> COMPARE = List.of("<", "<=", "==", "!=", ">", ">=", "in", "not in", "is", "is not");

    /** {@code +}. */
    public static final int ADD = 0;
    /** {@code -}. */
    public static final int SUB = 1;
    /** {@code *}. */
    public static final int MUL = 2;
    /** {@code /}. */
    public static final int TRUEDIV = 3;
    /** {@code //}. */
    public static final int FLOORDIV = 4;
    /** {@code %}. */
    public static final int MOD = 5;
    /** {@code **}. */
    public static final int POW = 6;
    /** {@code <<}. */
    public static final int LSHIFT = 7;
    /** {@code >>}. */
    public static final int RSHIFT = 8;
    /** {@code &}. */
    public static final int AND = 9;
    /** {@code |}. */
    public static final int OR = 10;
    /** {@code ^}. */
    public static final int XOR = 11;

    /** {@code <}. */
    public static final int LT = 0;
    /** {@code <=}. */
    public static final int LE = 1;
    /** {@code ==}. */
    public static final int EQ = 2;
    /** {@code !=}. */
    public static final int NE = 3;
    /** {@code >}. */
    public static final int GT = 4;
    /** {@code >=}. */
    public static final int GE = 5;
    /** {@code in}. */
    public static final int IN = 6;
    /** {@code not in}. */
    public static final int NOT_IN = 7;
    /** {@code is}. */
    public static final int IS = 8;
    /** {@code is not}. */
    public static final int IS_NOT = 9;

    private BinOp() {
    }
}
