package org.rclab.interp.eval;

import java.util.Map;

import org.rclab.object.RcObject;
import org.rclab.object.RcType;
import org.rclab.runtime.RcRuntime;

/** A built-in module ({@code time}, {@code threading}, {@code multiprocessing}): immortal, its attributes fixed. */
public final class PyModule extends RcObject {
    private final String name;
    private final Map<String, RcObject> attributes;

    PyModule(final RcRuntime runtime, final String name, final Map<String, RcObject> attributes) {
        super(runtime, true);
        this.name = name;
        this.attributes = Map.copyOf(attributes);
    }

    /**
     * An attribute, borrowed (attributes are immortal).
     *
     * @param attribute its name
     * @return the attribute
     * @throws PyException AttributeError if the module has none of that name
     */
    RcObject get(final String attribute) {
        final RcObject value = attributes.get(attribute);
        if (value == null) {
            throw new PyException("AttributeError", "module '" + name + "' has no attribute '" + attribute + "'");
        }
        return value;
    }

    @Override
    public RcType type() {
        return RcType.OBJECT;
    }

    @Override
    public String typeName() {
        return "module";
    }

    @Override
    public String repr() {
        return "<module '" + name + "' (built-in)>";
    }
}
