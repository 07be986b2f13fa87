package org.rclab.interp.eval;

import java.util.ArrayDeque;

import org.rclab.interp.compile.Code;
import org.rclab.object.RcContainer;
import org.rclab.object.RcObject;
import org.rclab.object.RcType;

/**
 * A function defined by the program: its code, its default values (one owned reference each) and
 * the module it was defined in. The module is not a counted reference: a module's globals are
 * released when the program ends, which breaks the function/globals cycle CPython's collector
 * would otherwise have to find.
 */
public final class PyFunction extends RcContainer {
    private final Code code;
    private final Interpreter module;
    private RcObject[] defaults;

    PyFunction(final Interpreter module, final Code code, final RcObject[] defaults) {
        super(module.runtime());
        this.module = module;
        this.code = code;
        this.defaults = defaults;
    }

    Code code() {
        return code;
    }

    Interpreter module() {
        return module;
    }

    RcObject[] defaults() {
        return defaults;
    }

    /**
     * The function's name.
     *
     * @return its name as defined
     */
    public String name() {
        return code.name();
    }

    @Override
    public int size() {
        return defaults.length;
    }

    @Override
    public RcType type() {
        return RcType.OBJECT;
    }

    @Override
    public String typeName() {
        return "function";
    }

    @Override
    public String repr() {
        return "<function " + code.name() + ">";
    }

    @Override
    public void takeReferences(final ArrayDeque<RcObject> out) {
        for (final RcObject d : defaults) {
            out.add(d);
        }
        defaults = new RcObject[0];
    }
}
