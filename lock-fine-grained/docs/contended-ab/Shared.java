// Two threads appending to and popping from one shared list (containerOps list=shared's cycle),
// outside JMH: the real runtime under a scheme, or a bare model of the cycle whose pieces can be
// left out one at a time. Evidence for issue 13 part 4, not a benchmark; see README.md.
//   java Shared real SCHEME CHUNKS     the runtime's RcList, under SCHEME (fine-grained, brc)
//   java Shared model VARIANT CHUNKS   the model (VARIANT: see Model)
//   java Shared solo VARIANT CHUNKS    the model on one thread (its list private)
// Each thread times chunks of 2,048 cycles. A loaded host deschedules one thread for milliseconds
// at a time, and a thread running alone runs at its uncontended speed, so a chunk counts only if
// the other thread made between half and twice as many cycles meanwhile. Prints the median time
// per cycle per thread of those chunks, how many there were, and the lock's contention counts.
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.rclab.object.RcList;
import org.rclab.object.RcObject;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;

public class Shared {
    static final int CHUNK = 2048, WARMUP_CHUNKS = 200;
    static final VarHandle PROGRESS = MethodHandles.arrayElementVarHandle(long[].class);
    static final long[] PROG = new long[48];          // thread k's count at PROG[16 * k + 16], lines apart

    interface Cycle { long run(); }
    interface Maker { Cycle make(int idx); }

    public static void main(String[] a) throws Exception {
        String mode = a[0], what = a[1];
        int chunks = Integer.parseInt(a[2]);
        if (mode.equals("real")) {
            RcRuntime rt = RcRuntime.create(what);
            RuntimeThread main = rt.attach();
            RcList list = rt.newList();
            List<Double> co = new ArrayList<>();
            long[] alone = new long[1];
            main.callReleased(() -> { run(2, chunks, idx -> {
                RuntimeThread self = rt.attach();
                RcObject item = rt.newStr("item" + idx);
                return () -> {
                    list.append(item);
                    RcObject p = list.pop();
                    long h = p.hashCode() & 1;
                    rt.decref(p);
                    self.checkpoint();
                    return h;
                };
            }, co, alone); return null; });
            double sections = 2.0 * 2 * CHUNK * (chunks + WARMUP_CHUNKS);
            System.out.printf("real %s: %s | per 10^6 sections: contended %.0f parks %.2f handoffs %.2f%n", what, summary(co, alone[0]),
                    rt.metrics().value(what + ".lock-contended") * 1e6 / sections, rt.metrics().value(what + ".lock-parks") * 1e6 / sections,
                    rt.metrics().value(what + ".handoffs") * 1e6 / sections);
        } else {
            Model m = new Model(what);
            int threads = mode.equals("solo") ? 1 : 2;
            List<Double> co = new ArrayList<>();
            long[] alone = new long[1];
            run(threads, chunks, idx -> { Model.Item it = new Model.Item(); return () -> m.cycle(it); }, co, alone);
            System.out.printf("%s %s: %s%n", mode, what, summary(co, alone[0]));
        }
    }

    static void run(int threads, int chunks, Maker maker, List<Double> co, long[] alone) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<List<Double>> per = new ArrayList<>();
        long[] al = new long[threads];
        Thread[] ts = new Thread[threads];
        for (int k = 0; k < threads; k++) {
            final int idx = k;
            per.add(new ArrayList<>());
            ts[k] = new Thread(() -> {
                Cycle c = maker.make(idx);
                long sink = 0;
                try { start.await(); } catch (InterruptedException e) { throw new RuntimeException(e); }
                for (int n = 0; n < chunks + WARMUP_CHUNKS; n++) {
                    long other0 = threads == 1 ? 0 : (long) PROGRESS.getOpaque(PROG, 16 * (1 - idx) + 16);
                    long t0 = System.nanoTime();
                    for (int i = 0; i < CHUNK; i++) {
                        sink += c.run();
                        // Every 64 cycles, so the store's line costs nothing next to a cycle's.
                        if ((i & 63) == 63) PROGRESS.setOpaque(PROG, 16 * idx + 16, PROG[16 * idx + 16] + 64);
                    }
                    long t = System.nanoTime() - t0;
                    long other = threads == 1 ? CHUNK : (long) PROGRESS.getOpaque(PROG, 16 * (1 - idx) + 16) - other0;
                    if (n < WARMUP_CHUNKS) continue;
                    if (other >= CHUNK / 2 && other <= 2 * CHUNK) per.get(idx).add(t / (double) CHUNK);
                    else al[idx]++;
                }
                if (sink == 42) System.out.print("");
            });
            ts[k].start();
        }
        start.countDown();
        for (Thread t : ts) t.join();
        for (List<Double> p : per) co.addAll(p);
        for (long x : al) alone[0] += x;
    }

    static String summary(List<Double> co, long alone) {
        List<Double> s = new ArrayList<>(co); Collections.sort(s);
        if (s.isEmpty()) return String.format("no chunk with both threads running (%d alone)", alone);
        return String.format("median %.1f ns/cycle/thread (q1 %.1f, q3 %.1f) over %d chunks both ran (%d alone)",
                s.get(s.size() / 2), s.get(s.size() / 4), s.get(s.size() * 3 / 4), s.size(), alone);
    }
}

// The cycle from bare parts: a CAS lock (the scheme's backoff: a first wait of FIRST spin-waits,
// doubling to 64), a list's size and array, the items' atomic counts. VARIANT (parts joined by '+'):
//   all            everything, the lock word on the list's line; first wait 32 spin-waits
//   first1         the first wait 1 spin-wait (the lock before this change)
//   plain-counts   the items' counts changed by plain read and write (wrong under threads: prices the atomic)
//   no-counts      no count changes (prices the items' lines)
//   split-lock     the lock word on a line of its own, away from the size and the array reference
final class Model {
    static final VarHandle LOCK, COUNT;
    static {
        try {
            LOCK = MethodHandles.lookup().findVarHandle(L.class, "lock", int.class);
            COUNT = MethodHandles.lookup().findVarHandle(Item.class, "count", long.class);
        } catch (Exception e) { throw new Error(e); }
    }
    static final class Item { long p0, p1, p2, p3, p4, p5, p6, p7; volatile long count = 1; long q0, q1, q2, q3, q4, q5, q6, q7; }
    static final class L { long p0, p1, p2, p3, p4, p5, p6, p7; volatile int lock; Object[] items = new Object[8]; int size; long q0, q1, q2, q3, q4, q5, q6, q7; }
    final L list = new L(), lockOnly = new L();
    final boolean counts, atomic, split;
    final int first;
    Model(String v) {
        counts = !v.contains("no-counts");
        atomic = !v.contains("plain-counts");
        split = v.contains("split-lock");
        first = v.contains("first1") ? 1 : 32;
    }
    long cycle(Item own) {
        L lk = split ? lockOnly : list;
        lock(lk);
        if (counts) add(own, 1);
        list.items[list.size++] = own;
        unlock(lk);
        lock(lk);
        Item p = (Item) list.items[--list.size];
        list.items[list.size] = null;
        unlock(lk);
        if (counts) add(p, -1);
        return p.hashCode() & 1;
    }
    void add(Item it, long d) { if (atomic) COUNT.getAndAdd(it, d); else it.count = it.count + d; }
    void lock(L l) {
        if (LOCK.compareAndSet(l, 0, 1)) return;
        for (int retry = 0;; retry++) {
            if (l.lock == 0 && LOCK.compareAndSet(l, 0, 1)) return;
            for (int k = Math.min(first << Math.min(retry, 20), 64); k > 0; k--) Thread.onSpinWait();
        }
    }
    void unlock(L l) { LOCK.setRelease(l, 0); }
}
