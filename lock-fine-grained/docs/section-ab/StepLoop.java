// One build's countdown step (as benchmarks' CountdownStep), loaded per build and scheme in its own
// class loader; returns thread-CPU ns per step.
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.IntToDoubleFunction;
import org.rclab.object.RcInt;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;
import org.rclab.scheme.Schemes;

public class StepLoop implements IntToDoubleFunction {
    static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    final RcRuntime rt;
    final RuntimeThread self;
    RcInt slot;

    public StepLoop(String scheme) {
        rt = RcRuntime.builder(Schemes.byName(scheme)).strictChecks(false).build();
        self = rt.attach();
    }

    @Override
    public double applyAsDouble(int steps) {
        final RcRuntime runtime = rt;
        long t0 = MX.getCurrentThreadCpuTime();
        final long last = 257;
        slot = runtime.newInt(last + steps);
        while (slot.value() > last) {
            final RcInt next = runtime.newInt(slot.value() - 1);
            runtime.decref(slot);
            slot = next;
            self.checkpoint();
        }
        runtime.decref(slot);
        slot = null;
        return (MX.getCurrentThreadCpuTime() - t0) / (double) steps;
    }
}
