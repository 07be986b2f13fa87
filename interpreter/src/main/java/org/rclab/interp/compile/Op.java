package org.rclab.interp.compile;

/**
 * The bytecode: every instruction is two ints in {@link Code#code()}, an opcode from this class
 * and its argument. Reference traffic follows CPython's: a load pushes a new reference, a store
 * moves the stack's reference into its slot and releases the slot's old value, and an operator
 * releases its operands and pushes its result's reference.
 */
public final class Op {
    /** Push {@code consts[arg]}. */
    public static final int LOAD_CONST = 0;
    /** Push local {@code arg}; UnboundLocalError if unset. */
    public static final int LOAD_FAST = 1;
    /** Pop into local {@code arg}, releasing its old value. */
    public static final int STORE_FAST = 2;
    /** Push global (then builtin) {@code names[arg]}; NameError if neither. */
    public static final int LOAD_GLOBAL = 3;
    /** Pop into global {@code names[arg]}. */
    public static final int STORE_GLOBAL = 4;
    /** Pop and release. */
    public static final int POP_TOP = 5;
    /** Push the top again. */
    public static final int DUP_TOP = 6;
    /** Push the top two again, in order. */
    public static final int DUP_TOP_TWO = 7;
    /** Swap the top two. */
    public static final int ROT_TWO = 8;
    /** Move the top below the next two. */
    public static final int ROT_THREE = 9;
    /** Pop two, push {@code a op b}; {@code arg} is one of {@link BinOp}'s codes. */
    public static final int BINARY = 10;
    /** Pop one, push {@code op a}; {@code arg}: 0 negate, 1 plus, 2 invert, 3 not. */
    public static final int UNARY = 11;
    /** Pop two, push the comparison {@code arg} (see {@link BinOp}'s comparison codes). */
    public static final int COMPARE = 12;
    /** Jump forward to {@code arg}. */
    public static final int JUMP = 13;
    /** Jump back to {@code arg}: a loop's back-edge, and an eval-breaker checkpoint. */
    public static final int JUMP_BACK = 14;
    /** Pop; jump to {@code arg} if false. */
    public static final int POP_JUMP_IF_FALSE = 15;
    /** Pop; jump to {@code arg} if true. */
    public static final int POP_JUMP_IF_TRUE = 16;
    /** If the top is false jump to {@code arg} keeping it, else pop it. */
    public static final int JUMP_IF_FALSE_OR_POP = 17;
    /** If the top is true jump to {@code arg} keeping it, else pop it. */
    public static final int JUMP_IF_TRUE_OR_POP = 18;
    /** Pop {@code arg} items, push a tuple of them. */
    public static final int BUILD_TUPLE = 19;
    /** Pop {@code arg} items, push a list of them. */
    public static final int BUILD_LIST = 20;
    /** Pop {@code arg} key/value pairs, push a dict of them. */
    public static final int BUILD_DICT = 21;
    /** Pop index and container, push {@code container[index]}. */
    public static final int SUBSCR = 22;
    /** Pop index, container, value (top first): {@code container[index] = value}. */
    public static final int STORE_SUBSCR = 23;
    /** Pop a sequence of exactly {@code arg} items, push them last first. */
    public static final int UNPACK = 24;
    /** Pop an object, push its attribute {@code names[arg]} (module attributes). */
    public static final int LOAD_ATTR = 25;
    /** Call through {@code calls[arg]}: pops the callable (or receiver) and the arguments, pushes the result. */
    public static final int CALL = 26;
    /** Pop the return value and leave the frame. */
    public static final int RETURN = 27;
    /** Pop an iterable, push its iterator. */
    public static final int GET_ITER = 28;
    /** Push the iterator's next item, or pop the iterator and jump to {@code arg} when it is done. */
    public static final int FOR_ITER = 29;
    /** Push a function made from {@code functions[arg]}, popping its default values. */
    public static final int MAKE_FUNCTION = 30;
    /** Push the built-in module {@code names[arg]}. */
    public static final int IMPORT = 31;
    /** Push attribute {@code names[arg]} of the module on top (which stays). */
    public static final int IMPORT_FROM = 32;

    /**
     * Superinstruction: push local {@code arg & 0xffff}, then {@code consts[arg >>> 16]} (CPython
     * 3.11's {@code LOAD_FAST__LOAD_CONST}); the same references as the two instructions.
     */
    public static final int LOAD_FAST_LOAD_CONST = 33;
    /**
     * Pop two, compare them with {@code arg}; jump forward to the following {@link #EXT}'s
     * argument if the result is false (CPython 3.11's {@code COMPARE_OP} + jump specialisation).
     */
    public static final int COMPARE_JUMP_IF_FALSE = 34;
    /**
     * Pop two, compare them with {@code arg}; if true, pass a checkpoint and jump back to the
     * following {@link #EXT}'s argument: the bottom test of a {@code while} loop.
     */
    public static final int COMPARE_JUMP_BACK_IF_TRUE = 35;
    /** Pop; if true, pass a checkpoint and jump back to {@code arg}: the bottom test of a {@code while} loop. */
    public static final int POP_JUMP_BACK_IF_TRUE = 36;
    /** The second operand of the instruction before it; never executed. */
    public static final int EXT = 37;
    /**
     * Superinstruction: {@code local = local <op> constant} for local {@code arg & 0xffff},
     * {@code consts[arg >>> 16]} and the following {@link #EXT}'s {@link BinOp} code. The count
     * changes of {@code LOAD_FAST}, {@code LOAD_CONST}, {@code BINARY}, {@code STORE_FAST}, in
     * their order, with the operands held in the evaluator's own variables rather than pushed on
     * the frame's stack.
     */
    public static final int INPLACE_FAST_CONST = 38;
    /**
     * Superinstruction: {@link #LOAD_FAST_LOAD_CONST} then {@link #COMPARE_JUMP_BACK_IF_TRUE}, the
     * comparison in the first following {@link #EXT}, the loop's top in the second: the bottom test
     * {@code while local <cmp> constant:}, its operands held as {@link #INPLACE_FAST_CONST} holds them.
     */
    public static final int COMPARE_FAST_CONST_JUMP_BACK_IF_TRUE = 39;

    /**
     * {@link #INPLACE_FAST_CONST} specialised for {@code local += k} and {@code local -= k} with
     * {@code k} a small-int literal (CPython 3.11's {@code BINARY_OP_ADD_INT} and
     * {@code BINARY_OP_SUBTRACT_INT}). The same layout; while the local holds an int that fits a
     * long and the result does not overflow, the sum is made without a type dispatch (the
     * {@link #EXT} holds the {@link BinOp} code in its low byte and the signed addend, {@code k} or
     * {@code -k}, in its high 16 bits, so the constant is not loaded), and the
     * constant's incref and decref are left out: it is immortal, so they change no count (as
     * CPython 3.14's {@code LOAD_SMALL_INT} pushes one without touching its count). Anything else
     * takes {@link #INPLACE_FAST_CONST}'s path.
     */
    public static final int INPLACE_FAST_SMALL_INT = 40;
    /**
     * {@link #COMPARE_FAST_CONST_JUMP_BACK_IF_TRUE} specialised for an ordering comparison of a
     * local with a small-int literal (CPython 3.11's {@code COMPARE_OP_INT_JUMP}). The first
     * {@link #EXT} holds the {@link BinOp} code in its low byte and, above it, the mask of the
     * outcomes that jump (bit 0: less, 1: equal, 2: greater) and, in the high 16 bits, the
     * constant's value, so an int local is tested without a branch per operator or a load of the
     * constant; the immortal constant's count is left alone as in
     * {@link #INPLACE_FAST_SMALL_INT}. Anything else takes the generic path.
     */
    public static final int COMPARE_FAST_SMALL_INT_JUMP_BACK_IF_TRUE = 41;
    /**
     * {@link #INPLACE_FAST_SMALL_INT} directly followed by a
     * {@link #COMPARE_FAST_SMALL_INT_JUMP_BACK_IF_TRUE}: a {@code while} body that ends with
     * {@code local += k} or {@code local -= k} before an int loop test. The same layout and the
     * same work, then, while the test's own guard holds, the test's work too (read from the
     * following instruction's words) without a dispatch between them: the join CPython 3.11's
     * superinstruction {@code STORE_FAST__LOAD_FAST} makes between the store that ends one
     * statement and the load that starts the next. The test stays in place, as the target of the
     * loop's entry jump and of {@code continue}, and runs by itself when its guard fails.
     */
    public static final int INPLACE_FAST_SMALL_INT_THEN_TEST = 42;

    /** Opcode names for disassembly and messages, indexed by opcode. */
    public static final String[] NAMES = {"LOAD_CONST", "LOAD_FAST", "STORE_FAST", "LOAD_GLOBAL", "STORE_GLOBAL",
        "POP_TOP", "DUP_TOP", "DUP_TOP_TWO", "ROT_TWO", "ROT_THREE", "BINARY", "UNARY", "COMPARE", "JUMP",
        "JUMP_BACK", "POP_JUMP_IF_FALSE", "POP_JUMP_IF_TRUE", "JUMP_IF_FALSE_OR_POP", "JUMP_IF_TRUE_OR_POP",
        "BUILD_TUPLE", "BUILD_LIST", "BUILD_DICT", "SUBSCR", "STORE_SUBSCR", "UNPACK", "LOAD_ATTR", "CALL",
        "RETURN", "GET_ITER", "FOR_ITER", "MAKE_FUNCTION", "IMPORT", "IMPORT_FROM", "LOAD_FAST_LOAD_CONST",
        "COMPARE_JUMP_IF_FALSE", "COMPARE_JUMP_BACK_IF_TRUE", "POP_JUMP_BACK_IF_TRUE", "EXT", "INPLACE_FAST_CONST",
        "COMPARE_FAST_CONST_JUMP_BACK_IF_TRUE", "INPLACE_FAST_SMALL_INT", "COMPARE_FAST_SMALL_INT_JUMP_BACK_IF_TRUE",
        "INPLACE_FAST_SMALL_INT_THEN_TEST"};

    private Op() {
    }
}
