package org.rclab.interp.eval;

import org.rclab.object.RcObject;
import org.rclab.object.RcType;
import org.rclab.runtime.RcRuntime;

/**
 * A function implemented by the interpreter ({@code print}, {@code time.sleep}, {@code Thread}).
 * Immortal, like the module tables that hold it for the program's whole life.
 */
public final class PyBuiltin extends RcObject {
    /** A builtin's body. */
    @FunctionalInterface
    public interface Body {
        /**
         * Runs the builtin. The arguments are borrowed from the caller's stack.
         *
         * @param ev the calling thread's evaluator
         * @param args the positional arguments
         * @param kwNames the keyword arguments' names (empty if none)
         * @param kwValues their values
         * @return a new reference to the result
         */
        RcObject call(Eval ev, RcObject[] args, String[] kwNames, RcObject[] kwValues);
    }

    private final String name;
    private final Body body;

    PyBuiltin(final RcRuntime runtime, final String name, final Body body) {
        super(runtime, true);
        this.name = name;
        this.body = body;
    }

    RcObject call(final Eval ev, final RcObject[] args, final String[] kwNames, final RcObject[] kwValues) {
        return body.call(ev, args, kwNames, kwValues);
    }

    /**
     * The builtin's name.
     *
     * @return e.g. {@code print}
     */
    public String name() {
        return name;
    }

    @Override
    public RcType type() {
        return RcType.OBJECT;
    }

    @Override
    public String typeName() {
        return "builtin_function_or_method";
    }

    @Override
    public String repr() {
        return "<built-in function " + name + ">";
    }
}
