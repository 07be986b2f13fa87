package org.rclab.object;

import org.rclab.runtime.RcRuntime;

/** The immortal singletons {@code None}, {@code True} and {@code False}; one set per runtime. */
public final class RcSingleton extends RcObject {
    private final RcType type;
    private final String repr;

    /**
     * Makes a singleton; only the runtime calls this.
     *
     * @param runtime the owning runtime
     * @param type {@link RcType#NONE} or {@link RcType#BOOL}
     * @param repr {@code None}, {@code True} or {@code False}
     */
    public RcSingleton(final RcRuntime runtime, final RcType type, final String repr) {
        super(runtime, true);
        this.type = type;
        this.repr = repr;
    }

    @Override
    public RcType type() {
        return type;
    }

    @Override
    public String repr() {
        return repr;
    }
}
