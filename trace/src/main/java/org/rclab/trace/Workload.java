package org.rclab.trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.rclab.object.RcDict;
import org.rclab.object.RcInt;
import org.rclab.object.RcList;
import org.rclab.object.RcObject;
import org.rclab.object.RcStr;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;

/**
 * What the traced threads do. Each runs until told to stop, passing a checkpoint at every step
 * (as an interpreter does at every bytecode back-edge).
 */
public enum Workload {
    /** N CPU-bound threads, each counting down with a new int per step (the seeds' countdown). */
    COUNTDOWN(1, "threads counting down"),
    /** One CPU-bound thread and N - 1 threads making 1 ms blocking calls (Beazley's convoy). */
    CONVOY(2, "one CPU-bound thread and threads making 1 ms blocking calls"),
    /** N threads appending to, popping from and reading one shared list and one shared dict. */
    CONTAINERS(1, "threads sharing one list and one dict");

    /** Keys of the shared dict: few, so that threads meet on them. */
    private static final int KEYS = 8;
    /** A countdown's start: far from zero and beyond the small-int cache, so every int is a new object. */
    private static final long COUNTDOWN_FROM = 1L << 40;

    private final int minThreads;
    private final String description;

    Workload(final int minThreads, final String description) {
        this.minThreads = minThreads;
        this.description = description;
    }

    /**
     * The name on the command line.
     *
     * @return e.g. {@code convoy}
     */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * What the threads do, in a few words.
     *
     * @return the description
     */
    public String description() {
        return description;
    }

    /**
     * The fewest threads the workload needs.
     *
     * @return 1, or 2 for the convoy
     */
    public int minThreads() {
        return minThreads;
    }

    /**
     * The workload of a command-line word.
     *
     * @param word e.g. {@code countdown}
     * @return the workload
     * @throws IllegalArgumentException naming the known words, if none matches
     */
    public static Workload of(final String word) {
        for (final Workload w : values()) {
            if (w.word().equals(word)) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown workload '" + word + "' (workloads: " + words() + ")");
    }

    /**
     * Every workload's word.
     *
     * @return e.g. {@code countdown|convoy|containers}
     */
    public static String words() {
        return String.join("|", Arrays.stream(values()).map(Workload::word).toList());
    }

    /**
     * Makes the shared objects (the calling thread attaches for it and detaches again, so it is
     * not attached while the workload runs) and returns the runnable workload.
     *
     * @param runtime the runtime
     * @param threads how many threads
     * @return the prepared run
     */
    public Run prepare(final RcRuntime runtime, final int threads) {
        if (threads < minThreads) {
            throw new IllegalArgumentException(word() + " needs at least " + minThreads + " threads");
        }
        final Shared shared = new Shared();
        if (this == CONTAINERS) {
            try (RuntimeThread self = runtime.attach()) {
                shared.list = runtime.newList();
                shared.dict = runtime.newDict();
                shared.keys = new RcStr[KEYS];
                for (int i = 0; i < KEYS; i++) {
                    shared.keys[i] = runtime.newStr("key-" + i);
                }
            }
        }
        return new Run(this, runtime, threads, shared);
    }

    /** The thread's name for the i-th thread (from 0). */
    String threadName(final int i) {
        return switch (this) {
            case COUNTDOWN -> "countdown-" + (i + 1);
            case CONVOY -> i == 0 ? "cpu" : "io-" + i;
            case CONTAINERS -> "containers-" + (i + 1);
        };
    }

    /** One thread's loop; returns when {@code running} turns false. */
    void body(final int i, final RcRuntime rt, final RuntimeThread self, final Shared shared, final AtomicBoolean running)
            throws InterruptedException {
        switch (this) {
            case COUNTDOWN -> countdown(rt, self, running);
            case CONVOY -> {
                if (i == 0) {
                    countdown(rt, self, running);
                } else {
                    blockingCalls(rt, self, running);
                }
            }
            case CONTAINERS -> containers(i, rt, self, shared, running);
        }
    }

    private static void countdown(final RcRuntime rt, final RuntimeThread self, final AtomicBoolean running) {
        RcInt n = rt.newInt(COUNTDOWN_FROM);
        while (running.get()) {
            final RcInt next = rt.newInt(n.value() - 1);
            rt.decref(n);
            n = next;
            self.checkpoint();
        }
        rt.decref(n);
    }

    private static void blockingCalls(final RcRuntime rt, final RuntimeThread self, final AtomicBoolean running)
            throws InterruptedException {
        while (running.get()) {
            self.callReleased(() -> {
                Thread.sleep(1);
                return null;
            });
            // A little work with the runtime held, as a thread that handles what the call returned.
            rt.decref(rt.newInt(COUNTDOWN_FROM));
            self.checkpoint();
        }
    }

    /**
     * Appends a new object, pops one (often another thread's: under {@code brc} its release is
     * queued to the owner), and puts and gets a dict entry. The list never runs empty: each
     * thread pops only after its own append, so appends always outnumber pops.
     */
    private static void containers(final int i, final RcRuntime rt, final RuntimeThread self, final Shared shared,
                                   final AtomicBoolean running) {
        long step = 0;
        while (running.get()) {
            final RcInt item = rt.newInt(COUNTDOWN_FROM + step);
            shared.list.append(item);
            rt.decref(item);
            rt.decref(shared.list.pop());
            final RcStr key = shared.keys[(int) ((step + i) % KEYS)];
            final RcInt value = rt.newInt(COUNTDOWN_FROM - step);
            shared.dict.put(key, value);
            rt.decref(value);
            final RcObject got = shared.dict.get(shared.keys[(int) ((step * 3 + i) % KEYS)]);
            if (got != null) {
                rt.decref(got);
            }
            step++;
            self.checkpoint();
        }
    }

    /** The objects the threads share (containers only). */
    static final class Shared {
        RcList list;
        RcDict dict;
        RcStr[] keys;
    }

    /** A prepared workload: start it, let it run, stop it, release the shared objects. */
    public static final class Run {
        private final Workload workload;
        private final RcRuntime runtime;
        private final int threads;
        private final Shared shared;

        Run(final Workload workload, final RcRuntime runtime, final int threads, final Shared shared) {
            this.workload = workload;
            this.runtime = runtime;
            this.threads = threads;
            this.shared = shared;
        }

        /**
         * Runs the threads for a time: each waits until all have started, attaches, loops until
         * the time is up, and detaches.
         *
         * @param millis how long, in milliseconds
         * @throws InterruptedException if the calling thread is interrupted
         * @throws IllegalStateException if a thread failed (its error is the cause)
         */
        public void run(final long millis) throws InterruptedException {
            final AtomicBoolean running = new AtomicBoolean(true);
            final CountDownLatch started = new CountDownLatch(threads);
            final List<Throwable> failures = new ArrayList<>();
            final List<Thread> workers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                final int index = i;
                final Thread t = new Thread(() -> {
                    // The start gate comes before attaching: under a GIL an attached thread that
                    // waited here would hold the lock and keep the others from attaching.
                    started.countDown();
                    try {
                        started.await();
                    } catch (final InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    try (RuntimeThread self = runtime.attach()) {
                        workload.body(index, runtime, self, shared, running);
                    } catch (final Throwable e) {
                        synchronized (failures) {
                            failures.add(e);
                        }
                        running.set(false);
                    }
                }, workload.threadName(i));
                workers.add(t);
            }
            workers.forEach(Thread::start);
            started.await();
            // The tool's clock, not a test's: the workload runs for as long as the user asked.
            Thread.sleep(millis);
            running.set(false);
            for (final Thread t : workers) {
                t.join();
            }
            if (!failures.isEmpty()) {
                throw new IllegalStateException(workload.word() + " failed in a thread: " + failures.get(0),
                        failures.get(0));
            }
        }

        /** Releases the shared objects (the calling thread attaches for it). */
        public void close() {
            if (shared.list == null) {
                return;
            }
            try (RuntimeThread self = runtime.attach()) {
                runtime.decref(shared.list);
                runtime.decref(shared.dict);
                for (final RcStr key : shared.keys) {
                    runtime.decref(key);
                }
            }
        }
    }
}
