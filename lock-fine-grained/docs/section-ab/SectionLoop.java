// One build's section loop, loaded once per build in its own class loader (so each copy's call
// sites are monomorphic); returns thread-CPU ns per pair of sections.
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.IntToDoubleFunction;
import org.rclab.object.RcList;
import org.rclab.runtime.RcRuntime;
import org.rclab.scheme.CriticalSection;
import org.rclab.scheme.Schemes;

public class SectionLoop implements IntToDoubleFunction {
    static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    final RcRuntime rt;
    final RcList[] ls = new RcList[16];
    final long[] cs = new long[16];

    public SectionLoop(String scheme) {
        rt = RcRuntime.builder(Schemes.byName(scheme)).strictChecks(false).build();
        rt.attach();
        for (int i = 0; i < 16; i++) ls[i] = rt.newList();
    }

    @Override
    public double applyAsDouble(int reps) {
        final RcRuntime r = rt; final RcList[] l = ls; final long[] c = cs;
        long t0 = MX.getCurrentThreadCpuTime();
        for (int k = 0; k < reps; k++) {
            for (int i = 0; i < l.length; i++) { try (CriticalSection s = r.enter(l[i])) { c[i]++; } }
            for (int i = 0; i < l.length; i++) { try (CriticalSection s = r.enter(l[i])) { c[i]--; } }
        }
        return (MX.getCurrentThreadCpuTime() - t0) / (double) reps / l.length;
    }
}
