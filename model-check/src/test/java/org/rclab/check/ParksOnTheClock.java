package org.rclab.check;

import java.util.Map;
import java.util.Optional;
import org.rclab.heap.Heap;
import org.rclab.object.RcObject;
import org.rclab.runtime.Metrics;
import org.rclab.runtime.RcRuntime;
import org.rclab.scheme.Scheme;
import org.rclab.scheme.SchemeContext;
import org.rclab.scheme.SchemeInstance;
import org.rclab.scheme.Schemes;
import org.rclab.scheme.TimedWaits;

/**
 * A negative control, for tests only: {@code fine-grained} with its timed parks left on the
 * clock whatever {@link TimedWaits#OPTION} says, while it declares the option as the real scheme
 * does. The checker takes its parks for expired, so a hang in it is reported as an
 * {@code error}: the lost wake-up that the real scheme's expired park takes back.
 */
final class ParksOnTheClock implements Scheme {
    private final Scheme fineGrained = Schemes.byName("fine-grained");

    @Override
    public String name() {
        return "fine-grained-parks-on-the-clock";
    }

    @Override
    public String description() {
        return "fine-grained whose timed parks never expire in the model (a negative control)";
    }

    @Override
    public boolean threadSafe() {
        return true;
    }

    @Override
    public Map<String, String> options() {
        return fineGrained.options();
    }

    @Override
    public SchemeInstance open(final SchemeContext context) {
        return fineGrained.open(new WithoutTimedWaits(context));
    }

    /** The runtime's context with {@link TimedWaits#OPTION} hidden: the lock runs on the clock. */
    private record WithoutTimedWaits(SchemeContext context) implements SchemeContext {
        @Override
        public RcRuntime runtime() {
            return context.runtime();
        }

        @Override
        public Heap heap() {
            return context.heap();
        }

        @Override
        public Metrics metrics() {
            return context.metrics();
        }

        @Override
        public boolean strictChecks() {
            return context.strictChecks();
        }

        @Override
        public Optional<String> option(final String name) {
            return name.equals(TimedWaits.OPTION) ? Optional.empty() : context.option(name);
        }

        @Override
        public void free(final RcObject o) {
            context.free(o);
        }
    }
}
