package org.rclab.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;

/**
 * Issue 12, fourteenth session: why two runtimes of one JVM take more than half of one thread's
 * time. Inside one JVM, rounds run each loop kind's countdown of STEPS steps by one thread
 * ({@code 1t}) and by two threads of a runtime each doing half ({@code 2rt}), the benchmark's
 * hand-off (a start and a finish barrier, threads parked between countdowns). Every countdown
 * records, per counting thread, when it began and ended its loop, and the JVM's collector count
 * and time, so the 2rt/1t ratio splits into: the hand-off (release to the first loop start, last
 * loop end to the main thread's return), the skew between the two threads, the time per step
 * inside the loops, and the collections.
 *
 * <p>Kinds: {@code step} is the benchmark's step ({@link CountdownCalls}: allocate the next int,
 * drop the old one, checkpoint) in a runtime of SCHEME; {@code bare} allocates a plain 64-byte
 * object into a frame field and nothing else (the JVM's allocation alone); {@code spin} allocates
 * nothing (a dependent xorshift chain: the two cores alone). Compiled into the benchmarks' package
 * (it uses CountdownCalls and BenchRuntimes); see README.md for the command.
 */
public final class TwoRuntimes {
    /** A plain object the size of an RcInt (64 bytes with compressed oops). */
    static final class Blob {
        long a, b, c, d, e, f;
        Blob(final long v) {
            a = v;
        }
    }

    /** The bare kind's frame: the new object escapes into it, as the step's int into its slot. */
    static final class BareFrame {
        Blob slot;
    }

    static volatile Object sink;

    /**
     * -Dhandoff=unpark: the main thread unparks each counting thread itself (a generation counter
     * and LockSupport) instead of the barriers, where the first thread through the start barrier
     * wakes the second; -Dhandoff=spin: the same, and the threads spin (yielding) between the
     * countdowns of a batch instead of parking.
     */
    static final String HANDOFF = System.getProperty("handoff", "park");
    /** Whether the counting threads are handed their work through a generation counter, not the barriers. */
    static final boolean GENERATION = !HANDOFF.equals("park");

    /** -Dpin=true: a team's first counting thread on CPU 0, its second on CPU 1 (taskset). */
    static final boolean PIN = Boolean.getBoolean("pin");

    /** Pins the calling thread to one CPU with taskset. */
    static void pin(final int cpu) {
        try {
            final String tid = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/thread-self"))
                    .getFileName().toString();
            final Process p = new ProcessBuilder("taskset", "-pc", Integer.toString(cpu), tid)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("taskset failed");
            }
        } catch (final Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** -Dbatch=N: countdowns each team does in a row, as in one JMH iteration. */
    static final int BATCH = Integer.getInteger("batch", 1);

    interface Body {
        long run(long steps);
    }

    static final class Worker {
        final Thread thread;
        volatile Body body;
        volatile long steps;
        volatile long begin, end;
        final CyclicBarrier start, finish;
        final Team team;

        Worker(final Team team, final String name, final RcRuntime rt, final String kind) {
            this.team = team;
            this.start = team.start;
            this.finish = team.finish;
            thread = new Thread(() -> loop(rt, kind), name);
            thread.setDaemon(true);
            thread.start();
        }

        private void loop(final RcRuntime rt, final String kind) {
            if (PIN) {
                pin(thread.getName().endsWith("-1") ? 1 : 0);
            }
            try (RuntimeThread self = rt.attach()) {
                final CountdownCalls calls = new CountdownCalls();
                final Body body = switch (kind) {
                    case "step" -> s -> calls.call(self, s);
                    case "bare" -> s -> {
                        final BareFrame f = new BareFrame();
                        sink = f;
                        for (long i = s; i > 0; i--) {
                            f.slot = new Blob(i);
                        }
                        return f.slot.a;
                    };
                    case "spin" -> s -> {
                        long x = s | 1;
                        for (long i = s; i > 0; i--) {
                            x ^= x << 13;
                            x ^= x >>> 7;
                            x ^= x << 17;
                        }
                        return x;
                    };
                    default -> throw new IllegalArgumentException(kind);
                };
                self.release();
                long seen = 0;
                while (true) {
                    if (GENERATION) {
                        // Spin (yielding the core to any runnable thread) while the team is hot,
                        // park otherwise; the main thread unparks after each new generation.
                        while (team.go == seen) {
                            if (team.hot) {
                                Thread.yield();
                            } else {
                                LockSupport.park(this);
                            }
                        }
                        seen = team.go;
                    } else {
                        start.await();
                    }
                    self.reacquire();
                    begin = System.nanoTime();
                    sink = body.run(steps);
                    end = System.nanoTime();
                    self.release();
                    if (GENERATION) {
                        if (team.remaining.decrementAndGet() == 0) {
                            LockSupport.unpark(team.main);
                        }
                    } else {
                        finish.await();
                    }
                }
            } catch (final Exception e) {
                e.printStackTrace();
            }
        }
    }

    /** One shape of one kind: its workers and barriers. */
    static final class Team {
        final Worker[] workers;
        final CyclicBarrier start, finish;
        final List<double[]> rows = new ArrayList<>();
        final AtomicInteger remaining = new AtomicInteger();
        final Thread main = Thread.currentThread();
        volatile long go;
        volatile boolean hot;

        Team(final String scheme, final String kind, final int threads, final long steps) {
            start = new CyclicBarrier(threads + 1);
            finish = new CyclicBarrier(threads + 1);
            workers = new Worker[threads];
            for (int i = 0; i < threads; i++) {
                workers[i] = new Worker(this, kind + "-" + threads + "-" + i, BenchRuntimes.open(scheme), kind);
                workers[i].steps = steps / threads;
            }
        }

        /** wall, hand-off in, hand-off out, skew, mean loop time, gc count, gc ms. */
        double[] countdown() throws Exception {
            final long gc0 = gcCount(), gt0 = gcMillis();
            final long t0 = System.nanoTime();
            if (GENERATION) {
                remaining.set(workers.length);
                go++;
                for (final Worker w : workers) {
                    LockSupport.unpark(w.thread);
                }
                while (remaining.get() != 0) {
                    LockSupport.park(this);
                }
            } else {
                start.await();
                finish.await();
            }
            final long t1 = System.nanoTime();
            long firstBegin = Long.MAX_VALUE, lastEnd = 0, lastBegin = 0, loops = 0;
            for (final Worker w : workers) {
                firstBegin = Math.min(firstBegin, w.begin);
                lastBegin = Math.max(lastBegin, w.begin);
                lastEnd = Math.max(lastEnd, w.end);
                loops += w.end - w.begin;
            }
            return new double[] {t1 - t0, firstBegin - t0, t1 - lastEnd, lastBegin - firstBegin,
                (double) loops / workers.length, gcCount() - gc0, gcMillis() - gt0};
        }
    }

    static long gcCount() {
        long n = 0;
        for (final GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, b.getCollectionCount());
        }
        return n;
    }

    static long gcMillis() {
        long n = 0;
        for (final GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, b.getCollectionTime());
        }
        return n;
    }

    static double median(final double[] v) {
        final double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static double quantile(final double[] v, final double q) {
        final double[] s = v.clone();
        Arrays.sort(s);
        return s[(int) Math.round(q * (s.length - 1))];
    }

    public static void main(final String[] args) throws Exception {
        final int warm = Integer.parseInt(args[0]);
        final int rounds = Integer.parseInt(args[1]);
        final String scheme = args[3];
        // Every kind at every countdown length: "step@2000000,step@10000000" (STEPS: args[2]).
        final String[] kinds = Arrays.stream(args[4].split(","))
                .flatMap(k -> Arrays.stream(args[2].split(",")).map(n -> k + "@" + n)).toArray(String[]::new);
        final Team[][] teams = new Team[kinds.length][2];
        for (int k = 0; k < kinds.length; k++) {
            final String kind = kinds[k].substring(0, kinds[k].indexOf('@'));
            final long steps = Long.parseLong(kinds[k].substring(kinds[k].indexOf('@') + 1));
            teams[k][0] = new Team(scheme, kind, 1, steps);
            teams[k][1] = new Team(scheme, kind, 2, steps);
        }
        for (int r = 0; r < warm + rounds; r++) {
            for (int k = 0; k < kinds.length; k++) {
                // The order of the two shapes alternates from round to round.
                for (int j = 0; j < 2; j++) {
                    final Team t = teams[k][(r + j) % 2];
                    t.hot = HANDOFF.equals("spin");
                    for (int b = 0; b < BATCH; b++) {
                        final double[] row = t.countdown();
                        if (r >= warm) {
                            t.rows.add(row);
                        }
                    }
                    t.hot = false;
                }
            }
        }
        System.out.printf("hand-off %s, batch %d, pinned %s, load %s%n", HANDOFF, BATCH, PIN,
                java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim());
        System.out.printf("scheme %s, %d rounds after %d warm-up; per countdown medians (ms), ratio per round%n",
                scheme, rounds, warm);
        // With the host's CPU time over the run (run.sh), this says how much of the 2 CPUs other processes took.
        System.out.printf("this JVM's CPU time %.2f s over %.2f s since it started%n",
                ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime() / 1e9,
                ManagementFactory.getRuntimeMXBean().getUptime() / 1e3);
        for (int k = 0; k < kinds.length; k++) {
            final double[][] one = teams[k][0].rows.toArray(double[][]::new);
            final double[][] two = teams[k][1].rows.toArray(double[][]::new);
            final int n = one.length;
            final double[] ratio = new double[n], loopRatio = new double[n];
            for (int i = 0; i < n; i++) {
                ratio[i] = two[i][0] / one[i][0];
                loopRatio[i] = two[i][4] / one[i][4];
            }
            for (final String shape : new String[] {"1t", "2rt"}) {
                final double[][] rows = shape.equals("1t") ? one : two;
                final String[] names = {"wall", "in", "out", "skew", "loop", "gcs", "gcms"};
                final StringBuilder sb = new StringBuilder(String.format("%-14s %-4s", kinds[k], shape));
                for (int c = 0; c < names.length; c++) {
                    final int col = c;
                    final double[] v = Arrays.stream(rows).mapToDouble(x -> x[col]).toArray();
                    final double scale = c < 5 ? 1e-6 : 1;
                    final double mean = Arrays.stream(v).average().orElse(0) * scale;
                    sb.append(String.format(" %s med %.3f mean %.3f;", names[c], median(v) * scale, mean));
                }
                System.out.println(sb);
            }
            System.out.printf("%-14s ratio 2rt/1t wall median %.3f [q25 %.3f, q75 %.3f]; loop time per thread %.3f [%.3f, %.3f]%n",
                    kinds[k], median(ratio), quantile(ratio, 0.25), quantile(ratio, 0.75),
                    median(loopRatio), quantile(loopRatio, 0.25), quantile(loopRatio, 0.75));
            // JMH averages the countdowns of an iteration: the ratio of the means, and what the 2rt
            // countdown spends over half the 1t countdown, piece by piece (ms per countdown).
            final double[] m1 = new double[7], m2 = new double[7];
            for (int c = 0; c < 7; c++) {
                final int col = c;
                m1[c] = Arrays.stream(one).mapToDouble(x -> x[col]).average().orElse(0);
                m2[c] = Arrays.stream(two).mapToDouble(x -> x[col]).average().orElse(0);
            }
            final long late = Arrays.stream(two).filter(x -> x[3] > 500_000).count();
            final double ideal = m1[0] / 2;
            System.out.printf("%-14s ratio of means %.3f; 2rt over half of 1t: %.3f ms = hand-off %.3f + start skew %.3f"
                    + " + loop %.3f + rest %.3f; collections %.3f ms per 1t countdown, %.3f per 2rt;"
                    + " second thread started over 0.5 ms late in %d of %d 2rt countdowns%n",
                    kinds[k], m2[0] / m1[0], (m2[0] - ideal) / 1e6,
                    (m2[1] + m2[2] - (m1[1] + m1[2]) / 2) / 1e6, m2[3] / 1e6, (m2[4] - m1[4] / 2) / 1e6,
                    (m2[0] - ideal - (m2[1] + m2[2] - (m1[1] + m1[2]) / 2) - m2[3] - (m2[4] - m1[4] / 2)) / 1e6,
                    m1[6], m2[6], late, two.length);
            // Rounds in which neither shape's countdown saw a collection.
            final List<Double> clean = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (one[i][5] == 0 && two[i][5] == 0) {
                    clean.add(two[i][0] / one[i][0]);
                }
            }
            final double[] c = clean.stream().mapToDouble(Double::doubleValue).toArray();
            System.out.printf("%-14s ratio in the %d rounds without a collection in either countdown: %s%n", kinds[k],
                    c.length, c.length == 0 ? "-" : String.format("%.3f [%.3f, %.3f]", median(c), quantile(c, 0.25),
                            quantile(c, 0.75)));
        }
    }
}
