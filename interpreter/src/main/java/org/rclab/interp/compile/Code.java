package org.rclab.interp.compile;

import org.rclab.object.RcObject;
import org.rclab.object.RcStr;
import org.rclab.runtime.RcRuntime;

/**
 * A compiled function or module body, bound to the runtime whose constants it holds.
 *
 * @param name the function's name, or {@code <module>}
 * @param code the instructions: opcode, argument, opcode, argument, ..., then a few never-executed
 *        {@link Op#EXT} words (the compiler's {@code TAIL_WORDS})
 * @param lines the source line of each instruction, indexed by {@code pc / 2}
 * @param consts the constants, one owned reference each
 * @param names the global, attribute and module names used by the body, one owned reference each
 * @param calls the call sites
 * @param functions the bodies of the functions defined in this body
 * @param localNames the names of the local slots, parameters first
 * @param paramCount how many locals are parameters
 * @param defaultCount how many trailing parameters have defaults
 * @param stackSize the deepest the value stack gets
 */
public record Code(String name, int[] code, int[] lines, RcObject[] consts, RcStr[] names, CallSite[] calls,
                   Code[] functions, String[] localNames, int paramCount, int defaultCount, int stackSize) {

    /**
     * The number of local slots.
     *
     * @return the count, parameters included
     */
    public int localCount() {
        return localNames.length;
    }

    /**
     * Releases the references this body and its nested bodies own (constants and names).
     *
     * @param runtime the runtime they belong to
     */
    public void release(final RcRuntime runtime) {
        for (final RcObject c : consts) {
            runtime.decref(c);
        }
        for (final RcStr n : names) {
            runtime.decref(n);
        }
        for (final Code f : functions) {
            f.release(runtime);
        }
    }

    /**
     * The source line of the instruction at {@code pc}.
     *
     * @param pc an instruction's index in {@link #code()}
     * @return its line
     */
    public int lineAt(final int pc) {
        return lines[Math.max(0, Math.min(pc / 2, lines.length - 1))];
    }
}
