// One build's containerOps cycle (append an item to a private list, pop it, drop the popped
// reference, checkpoint), loaded per build in its own class loader; returns thread-CPU ns per cycle.
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.IntToDoubleFunction;
import org.rclab.object.RcList;
import org.rclab.object.RcObject;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;
import org.rclab.scheme.Schemes;

public class CycleLoop implements IntToDoubleFunction {
    static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    final RcRuntime rt;
    final RuntimeThread self;
    final RcList list;
    final RcObject item;
    long sink;

    public CycleLoop(String scheme) {
        rt = RcRuntime.builder(Schemes.byName(scheme)).strictChecks(false).build();
        self = rt.attach();
        list = rt.newList();
        item = rt.newStr("item");
    }

    @Override
    public double applyAsDouble(int reps) {
        final int cycles = reps * 16;
        long t0 = MX.getCurrentThreadCpuTime();
        for (int k = 0; k < cycles; k++) {
            list.append(item);
            final RcObject popped = list.pop();
            sink += System.identityHashCode(popped) & 1;
            rt.decref(popped);
            self.checkpoint();
        }
        return (MX.getCurrentThreadCpuTime() - t0) / (double) cycles;
    }
}
