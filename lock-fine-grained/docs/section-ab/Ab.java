// A/B of two builds in one JVM, by thread CPU time (robust to being descheduled on a loaded host).
// Each build is loaded in a class loader of its own, so each copy's call sites stay monomorphic.
//   section A B PASSES SCHEME: SectionLoop (sectionPair's shape) of builds A and B, and a bare
//       CAS-lock floor (Physical's cas-lock shape), passes alternated A,floor,B / B,floor,A
//   cycle A B PASSES SCHEME: the same with CycleLoop (containerOps list=private's cycle, per cycle)
//   step A B PASSES SCHEME: StepLoop (Countdown's step) under gil and SCHEME, of builds A and B,
//       passes in palindromic order
// A and B are class paths (':'-separated) holding the loop classes, the scheme jars and jctools.
// Prints the medians of the per-pass figures and of the per-pass ratios.
import java.io.File;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntToDoubleFunction;

public class Ab {
    static final class H { int lock; long local; }
    static final VarHandle LOCK;
    static { try { LOCK = MethodHandles.lookup().findVarHandle(H.class, "lock", int.class); } catch (Exception e) { throw new Error(e); } }
    static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    static double casLock(H[] hs, int reps) {
        long t0 = MX.getCurrentThreadCpuTime();
        for (int r = 0; r < reps; r++) {
            for (H h : hs) { while (!LOCK.compareAndSet(h, 0, 1)) { } h.local++; LOCK.setRelease(h, 0); }
            for (H h : hs) { while (!LOCK.compareAndSet(h, 0, 1)) { } h.local--; LOCK.setRelease(h, 0); }
        }
        return (MX.getCurrentThreadCpuTime() - t0) / (double) reps / hs.length;
    }

    static IntToDoubleFunction load(String path, String loop, String scheme) throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String d : path.split(":")) urls.add(new File(d).toURI().toURL());
        ClassLoader cl = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
        Thread.currentThread().setContextClassLoader(cl); // the scheme registry asks ServiceLoader
        return (IntToDoubleFunction) cl.loadClass(loop).getConstructor(String.class).newInstance(scheme);
    }

    static double med(List<Double> v) { List<Double> s = new ArrayList<>(v); Collections.sort(s); int n = s.size(); return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2; }

    public static void main(String[] a) throws Exception {
        int passes = Integer.parseInt(a[3]);
        String scheme = a[4];
        if (!a[0].equals("step")) {
            String loop = a[0].equals("cycle") ? "CycleLoop" : "SectionLoop";
            IntToDoubleFunction x = load(a[1], loop, scheme), y = load(a[2], loop, scheme);
            int reps = 50_000;
            H[] hs = new H[16]; for (int i = 0; i < 16; i++) hs[i] = new H();
            for (int w = 0; w < 20; w++) { x.applyAsDouble(reps); y.applyAsDouble(reps); casLock(hs, reps); }
            List<Double> as = new ArrayList<>(), bs = new ArrayList<>(), fs = new ArrayList<>(), ba = new ArrayList<>(), af = new ArrayList<>(), bf = new ArrayList<>();
            for (int p = 0; p < passes; p++) {
                double u, v, f;
                if (p % 2 == 0) { u = x.applyAsDouble(reps); f = casLock(hs, reps); v = y.applyAsDouble(reps); }
                else { v = y.applyAsDouble(reps); f = casLock(hs, reps); u = x.applyAsDouble(reps); }
                as.add(u); bs.add(v); fs.add(f); ba.add(v / u); af.add(u / f); bf.add(v / f);
            }
            System.out.printf("%s %s: A %.2f  B %.2f  cas-lock %.2f ns/pair | B/A %.3f  A/cas %.2f  B/cas %.2f (medians of %d passes)%n",
                    a[0], scheme, med(as), med(bs), med(fs), med(ba), med(af), med(bf), passes);
            return;
        }
        IntToDoubleFunction[] fs = {load(a[1], "StepLoop", "gil"), load(a[1], "StepLoop", scheme),
                load(a[2], "StepLoop", scheme), load(a[2], "StepLoop", "gil")};
        int steps = 1_000_000;
        for (int w = 0; w < 15; w++) for (IntToDoubleFunction f : fs) f.applyAsDouble(steps);
        List<List<Double>> v = new ArrayList<>(); for (int i = 0; i < 4; i++) v.add(new ArrayList<>());
        List<Double> rA = new ArrayList<>(), rB = new ArrayList<>(), rS = new ArrayList<>(), rG = new ArrayList<>();
        for (int p = 0; p < passes; p++) {
            double[] x = new double[4];
            for (int k = 0; k < 4; k++) { int i = (p % 2 == 0) ? k : 3 - k; x[i] = fs[i].applyAsDouble(steps); v.get(i).add(x[i]); }
            rA.add(x[1] / x[0]); rB.add(x[2] / x[3]); rS.add(x[2] / x[1]); rG.add(x[3] / x[0]);
        }
        System.out.printf("gil(A) %.2f %s(A) %.2f %s(B) %.2f gil(B) %.2f ns/step | A: %s/gil %.3f  B: %s/gil %.3f  %s B/A %.3f  gil B/A %.3f (medians of %d passes)%n",
                med(v.get(0)), scheme, med(v.get(1)), scheme, med(v.get(2)), med(v.get(3)), scheme, med(rA), scheme, med(rB), scheme, med(rS), med(rG), passes);
    }
}
