// Two attached threads append to and pop from one shared list, then print the lock metrics per 10^6
// sections; run against two builds in turn (see README.md here). Evidence for issue 13 part 4, not a benchmark.
import java.util.concurrent.CountDownLatch;
import org.rclab.object.RcList;
import org.rclab.object.RcObject;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;

public class Contend {
    public static void main(String[] a) throws Exception {
        String scheme = a[0];
        int cycles = Integer.parseInt(a[1]);
        RcRuntime rt = RcRuntime.create(scheme);
        RcList list;
        try (RuntimeThread main = rt.attach()) {
            list = rt.newList();
            CountDownLatch start = new CountDownLatch(1);
            long[] nanos = new long[2];
            Thread[] ts = new Thread[2];
            for (int t = 0; t < 2; t++) {
                final int idx = t;
                ts[t] = new Thread(() -> {
                    try (RuntimeThread self = rt.attach()) {
                        RcObject item = rt.newStr("item");
                        start.await();
                        long t0 = System.nanoTime();
                        for (int i = 0; i < cycles; i++) {
                            list.append(item);
                            RcObject p = list.pop();
                            rt.decref(p);
                        }
                        nanos[idx] = System.nanoTime() - t0;
                        rt.decref(item);
                    } catch (Exception e) { throw new RuntimeException(e); }
                });
                ts[t].start();
            }
            // No warm-up: both builds pay the same JIT time inside the timed run.
            main.callReleased(() -> { start.countDown(); for (Thread t : ts) t.join(); return null; });
            rt.decref(list);
            double ops = 2.0 * cycles * 2; // two sections (append, pop) per cycle, two threads
            System.out.printf("%s ns/cycle/thread %.1f contended/1e6 sections %.0f parks %.2f handoffs %.2f lost %.2f%n",
                scheme, (nanos[0] + nanos[1]) / 2.0 / cycles,
                rt.metrics().value(scheme + ".lock-contended") * 1e6 / ops,
                rt.metrics().value(scheme + ".lock-parks") * 1e6 / ops,
                rt.metrics().value(scheme + ".handoffs") * 1e6 / ops,
                rt.metrics().snapshot().getOrDefault(scheme + ".lost-wakeups", -1L) * 1e6 / ops);
        }
        rt.close();
    }
}
