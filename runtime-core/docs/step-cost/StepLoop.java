import org.rclab.object.RcInt;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;
import org.rclab.scheme.Scheme;
import org.rclab.scheme.Schemes;

/**
 * The benchmarks' countdown step (their {@code CountdownStep}: allocate the next int, drop the old
 * one, checkpoint), loaded once per variant class loader by {@link StepCost}, so each variant's
 * runtime classes get compiled code and profiles of their own inside one JVM.
 *
 * <p>Names {@link StepCost} passes as schemes: a scheme's name; {@code bare}, the floor (the same
 * {@code RcInt} allocated and stored in the frame slot, nothing counted, in an {@code unsafe}
 * runtime); {@code bare48} and {@code bare32}, the floor with a plain object of 48 or 32 bytes. A
 * {@code -young} suffix ({@code gil-young}) runs the countdown in a frame made for it, which stays
 * in the young generation; otherwise the frame is the stepper's own, made once and old after a few
 * collections, as the benchmark's stepper is (G1's post-write barrier then takes a StoreLoad fence
 * at every slot store). A {@code -self} before it ({@code gil-self-young}) makes and drops the ints
 * through the attached thread's handle ({@code self.newInt}, {@code self.decref}) instead of the
 * runtime, as the benchmark's step does since issue 13 §3.
 */
public final class StepLoop {
    private static final long LAST = 1000;

    private final RcRuntime runtime;
    /** The scheme's name, or a {@code bare} name. */
    private final String kind;
    private final boolean youngFrame;
    /** Whether the step goes through the thread's handle rather than the runtime. */
    private final boolean viaSelf;
    /** The long-lived frame. */
    private final Frame frame = new Frame();

    private StepLoop(final String name) {
        youngFrame = name.endsWith("-young");
        final String rest = youngFrame ? name.substring(0, name.length() - "-young".length()) : name;
        viaSelf = rest.endsWith("-self");
        kind = viaSelf ? rest.substring(0, rest.length() - "-self".length()) : rest;
        final String scheme = kind.startsWith("bare") ? "unsafe" : kind;
        final Scheme s = Schemes.discover(StepLoop.class.getClassLoader()).stream()
                .filter(x -> x.name().equals(scheme)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no scheme " + scheme));
        runtime = RcRuntime.builder(s).strictChecks(false).build();
    }

    /**
     * A stepper bound to a new runtime (strict checks off, as in the benchmarks).
     *
     * @param name a scheme's name or a floor's, optionally with {@code -young}
     * @return the stepper
     */
    public static Object open(final String name) {
        return new StepLoop(name);
    }

    /**
     * Attaches, counts down, detaches.
     *
     * @param stepper from {@link #open}
     * @param steps how many steps
     * @return the final value, for the caller to consume
     */
    public static long countdown(final Object stepper, final long steps) {
        return ((StepLoop) stepper).countdown(steps, true);
    }

    /**
     * As {@link #countdown}, without the checkpoint call (the piece removed).
     *
     * @param stepper from {@link #open}
     * @param steps how many steps
     * @return the final value
     */
    public static long countdownNoCheckpoint(final Object stepper, final long steps) {
        return ((StepLoop) stepper).countdown(steps, false);
    }

    /**
     * Mortal objects live in the stepper's runtime (0 after countdowns: the accounting is exact).
     *
     * @param stepper from {@link #open}
     * @return the live count
     */
    public static long live(final Object stepper) {
        return ((StepLoop) stepper).runtime.heap().live();
    }

    private long countdown(final long steps, final boolean checkpoint) {
        final Frame f = youngFrame ? new Frame() : frame;
        try (RuntimeThread self = runtime.attach()) {
            switch (kind) {
                case "bare":
                    return f.bare(runtime, steps);
                case "bare48":
                    return f.bare48(steps);
                case "bare32":
                    return f.bare32(steps);
                default:
                    if (viaSelf) {
                        if (!checkpoint) {
                            throw new IllegalArgumentException("a -self cell always passes its checkpoints");
                        }
                        return f.runSelf(self, steps);
                    }
                    return checkpoint ? f.run(runtime, self, steps) : f.runNoCheckpoint(runtime, steps);
            }
        }
    }

    /** A frame: the slot the step stores each new value in (a field, so the value escapes). */
    private static final class Frame {
        private RcInt slot;
        private Object small;

        long run(final RcRuntime runtime, final RuntimeThread self, final long steps) {
            slot = runtime.newInt(LAST + steps);
            while (slot.value() > LAST) {
                final RcInt next = runtime.newInt(slot.value() - 1);
                runtime.decref(slot);
                slot = next;
                self.checkpoint();
            }
            return drop(runtime);
        }

        long runSelf(final RuntimeThread self, final long steps) {
            slot = self.newInt(LAST + steps);
            while (slot.value() > LAST) {
                final RcInt next = self.newInt(slot.value() - 1);
                self.decref(slot);
                slot = next;
                self.checkpoint();
            }
            final long result = slot.value();
            self.decref(slot);
            slot = null;
            return result;
        }

        long runNoCheckpoint(final RcRuntime runtime, final long steps) {
            slot = runtime.newInt(LAST + steps);
            while (slot.value() > LAST) {
                final RcInt next = runtime.newInt(slot.value() - 1);
                runtime.decref(slot);
                slot = next;
            }
            return drop(runtime);
        }

        private long drop(final RcRuntime runtime) {
            final long result = slot.value();
            runtime.decref(slot);
            slot = null;
            return result;
        }

        long bare(final RcRuntime runtime, final long steps) {
            slot = new RcInt(runtime, LAST + steps, false);
            while (slot.value() > LAST) {
                slot = new RcInt(runtime, slot.value() - 1, false);
            }
            final long result = slot.value();
            slot = null;
            return result;
        }

        long bare48(final long steps) {
            Int48 v = new Int48(LAST + steps);
            small = v;
            while (v.value > LAST) {
                v = new Int48(v.value - 1);
                small = v;
            }
            small = null;
            return v.value;
        }

        long bare32(final long steps) {
            Int32 v = new Int32(LAST + steps);
            small = v;
            while (v.value > LAST) {
                v = new Int32(v.value - 1);
                small = v;
            }
            small = null;
            return v.value;
        }
    }

    /** 48 bytes with compressed class pointers (JOL): 12 of header, 36 of fields. */
    @SuppressWarnings("unused")
    private static final class Int48 {
        final long value;
        int a;
        long b;
        long c;
        long d;

        Int48(final long value) {
            this.value = value;
        }
    }

    /** 32 bytes, CPython's int size: 12 of header, 20 of fields. */
    @SuppressWarnings("unused")
    private static final class Int32 {
        final long value;
        int a;
        long b;

        Int32(final long value) {
            this.value = value;
        }
    }
}
