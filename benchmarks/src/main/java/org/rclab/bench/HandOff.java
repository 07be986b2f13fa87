package org.rclab.bench;

import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.infra.Blackhole;
import org.rclab.object.RcObject;

/**
 * Hands an object to a {@link Blackhole} through a call the JIT may not inline: the "other work"
 * between an incref and its decref.
 *
 * <p>Why not {@code blackhole.consume(o)} alone: on JDK 17 JMH uses compiler blackholes, which
 * keep a value alive but are no memory barrier. With nothing between them that could read the
 * count, C2 merged the plain incref and decref of the control scheme and then dropped both
 * stores (seen with {@code -XX:+PrintAssembly}: the measured loop loaded the count, compared it
 * with zero, and stored nothing), so the control measured no count update at all and every ratio
 * to it would be inflated. Behind a real call the object escapes to code the JIT cannot see, so
 * each scheme must do its incref before the call and its decref after, as CPython does around any
 * call: {@code Py_INCREF(x); f(x); Py_DECREF(x)}.
 */
final class HandOff {
    private HandOff() {
    }

    /**
     * Passes the object to the blackhole in a call that is never inlined.
     *
     * @param o the object
     * @param blackhole the blackhole
     */
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static void pass(final RcObject o, final Blackhole blackhole) {
        blackhole.consume(o);
    }
}
