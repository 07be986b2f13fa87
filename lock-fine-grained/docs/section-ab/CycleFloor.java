// The containerOps list=private cycle of several builds in one JVM (a class loader each, as in Ab),
// next to the cycle's hardware floors, by thread CPU time; passes in palindromic order; prints the
// medians of the per-pass figures and of the per-pass ratios to the first build.
//   java -cp cls CycleFloor SCHEME PASSES CP0 [CP1 ...]
// The floors are the cycle's own shape (a lock word and an item array on one object, an item with
// a count) without the runtime: floor-plain (no atomics: unsafe's), floor-2cas (a CAS-locked,
// release-store-unlocked section around the append and around the pop: brc's owner), and
// floor-2cas-2atomic (the same with the item's count changed atomically: fine-grained's).
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;

public class CycleFloor {
    static final class L { int lock; Object[] items = new Object[4]; int size; }
    static final class I { long count = 1; int local = 1; }
    static final VarHandle LOCK, COUNT;
    static { try { LOCK = MethodHandles.lookup().findVarHandle(L.class, "lock", int.class); COUNT = MethodHandles.lookup().findVarHandle(I.class, "count", long.class); } catch (Exception e) { throw new Error(e); } }
    static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    static final String[] FLOORS = {"floor-plain", "floor-2cas", "floor-2cas-2atomic"};
    static long sink;

    // kind 0: plain; 1: two CAS-locked sections; 2: two CAS-locked sections and two atomic count changes
    static double floor(L l, I it, int kind, int cycles) {
        long t0 = MX.getCurrentThreadCpuTime();
        for (int k = 0; k < cycles; k++) {
            if (kind > 0) while (!LOCK.compareAndSet(l, 0, 1)) { }
            if (kind == 2) COUNT.getAndAdd(it, 1L); else it.local++;
            l.items[l.size] = it; l.size++;
            if (kind > 0) LOCK.setRelease(l, 0);
            if (kind > 0) while (!LOCK.compareAndSet(l, 0, 1)) { }
            int n = --l.size; Object o = l.items[n]; l.items[n] = null;
            if (kind > 0) LOCK.setRelease(l, 0);
            sink += System.identityHashCode(o) & 1;
            if (kind == 2) COUNT.getAndAdd((I) o, -1L); else ((I) o).local--;
        }
        return (MX.getCurrentThreadCpuTime() - t0) / (double) cycles;
    }

    public static void main(String[] a) throws Exception {
        String scheme = a[0];
        int passes = Integer.parseInt(a[1]);
        int builds = a.length - 2;
        List<IntToDoubleFunction> loops = new ArrayList<>();
        for (int i = 0; i < builds; i++) loops.add(Ab.load(a[i + 2], "CycleLoop", scheme));
        L l = new L(); I it = new I();
        int reps = 50_000;
        for (int w = 0; w < 20; w++) { for (IntToDoubleFunction f : loops) f.applyAsDouble(reps); for (int k = 0; k < 3; k++) floor(l, it, k, reps * 16); }
        int n = builds + FLOORS.length;
        List<List<Double>> v = new ArrayList<>(), r = new ArrayList<>();
        for (int i = 0; i < n; i++) { v.add(new ArrayList<>()); r.add(new ArrayList<>()); }
        for (int p = 0; p < passes; p++) {
            double[] x = new double[n];
            for (int j = 0; j < n; j++) {
                int i = p % 2 == 0 ? j : n - 1 - j;
                x[i] = i < builds ? loops.get(i).applyAsDouble(reps) : floor(l, it, i - builds, reps * 16);
                v.get(i).add(x[i]);
            }
            for (int i = 0; i < n; i++) r.get(i).add(x[i] / x[0]);
        }
        for (int i = 0; i < n; i++) System.out.printf("%-24s %6.2f ns/cycle   / build 0: %.3f%n", i < builds ? scheme + " build " + i : FLOORS[i - builds], Ab.med(v.get(i)), Ab.med(r.get(i)));
    }
}
