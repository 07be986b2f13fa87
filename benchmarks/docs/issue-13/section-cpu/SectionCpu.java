// thread-CPU ns per section pair (lock+unlock x2) and per bare lock pair, robust-ish under load
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.rclab.object.RcList;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;
import org.rclab.scheme.CriticalSection;
import org.rclab.scheme.Schemes;

public class SectionCpu {
    static final class H { int lock; long local; }
    static final VarHandle LOCK;
    static { try { LOCK = MethodHandles.lookup().findVarHandle(H.class, "lock", int.class); } catch (Exception e) { throw new Error(e); } }
    static long sink;
    static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    static double casLock(H[] hs, int reps, boolean casUnlock) {
        long t0 = MX.getCurrentThreadCpuTime();
        for (int r = 0; r < reps; r++) {
            for (H h : hs) { while (!LOCK.compareAndSet(h, 0, 1)) { } h.local++; if (casUnlock) { LOCK.compareAndSet(h, 1, 0); } else { LOCK.setRelease(h, 0); } }
            for (H h : hs) { while (!LOCK.compareAndSet(h, 0, 1)) { } h.local--; if (casUnlock) { LOCK.compareAndSet(h, 1, 0); } else { LOCK.setRelease(h, 0); } }
        }
        return (MX.getCurrentThreadCpuTime() - t0) / (double) reps / hs.length;
    }

    static double sections(RcRuntime rt, RcList[] ls, long[] cs, int reps) {
        long t0 = MX.getCurrentThreadCpuTime();
        for (int r = 0; r < reps; r++) {
            for (int i = 0; i < ls.length; i++) { try (CriticalSection s = rt.enter(ls[i])) { cs[i]++; } }
            for (int i = 0; i < ls.length; i++) { try (CriticalSection s = rt.enter(ls[i])) { cs[i]--; } }
        }
        return (MX.getCurrentThreadCpuTime() - t0) / (double) reps / ls.length;
    }

    public static void main(String[] a) {
        String scheme = a[0];
        RcRuntime rt = RcRuntime.builder(Schemes.byName(scheme)).strictChecks(false).build();
        RuntimeThread self = rt.attach();
        RcList[] ls = new RcList[16]; for (int i = 0; i < 16; i++) ls[i] = rt.newList();
        long[] cs = new long[16];
        H[] hs = new H[16]; for (int i = 0; i < 16; i++) hs[i] = new H();
        int reps = 200_000;
        for (int w = 0; w < 5; w++) { casLock(hs, reps, false); casLock(hs, reps, true); sections(rt, ls, cs, reps); }
        StringBuilder out = new StringBuilder(scheme);
        for (int m = 0; m < 5; m++) {
            double c = casLock(hs, reps, false), cc = casLock(hs, reps, true), s = sections(rt, ls, cs, reps);
            out.append(String.format(" | cas %.1f cascas %.1f sec %.1f sec/cas %.2f sec/cascas %.2f", c, cc, s, s / c, s / cc));
        }
        System.out.println(out);
        for (RcList l : ls) rt.decref(l);
        self.detach(); rt.close();
    }
}
