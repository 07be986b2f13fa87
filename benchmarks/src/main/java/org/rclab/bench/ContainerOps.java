package org.rclab.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.Control;
import org.rclab.object.RcList;
import org.rclab.object.RcObject;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;

/**
 * What one list append/pop cycle costs: nanoseconds per cycle per thread, for one thread on its
 * own list, two threads each on their own list, and two threads on one shared list.
 *
 * <p>A cycle is Python's {@code lst.append(x); y = lst.pop()} followed by dropping {@code y} and
 * a checkpoint: a critical section on the list for each call, an incref of the item on append,
 * the list's reference handed over by pop and released by a decref. The popped item goes to a
 * {@link Blackhole}, so the cycle cannot be folded. With a shared list a thread may pop the item
 * the other appended and release it: the non-owner path of a biased scheme and real lock
 * contention of a per-object lock. Under a GIL the two threads take turns, so per-thread times
 * double while the work done stays that of one thread. The shared variant runs only with
 * thread-safe schemes.
 *
 * <p>The three variants are nested classes with the same method name; the {@code list}
 * parameter and the thread count tell them apart in the results.
 */
public final class ContainerOps {
    private ContainerOps() {
    }

    /** One append/pop cycle on {@code list} with {@code item}, then a checkpoint. */
    static void cycle(final RcRuntime runtime, final RcList list, final RcObject item, final Blackhole blackhole) {
        list.append(item);
        final RcObject popped = list.pop();
        blackhole.consume(popped);
        runtime.decref(popped);
    }

    /** One thread, its own list. */
    @State(Scope.Thread)
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public static class OneThread {
        /** The scheme under test; filled at run time from the discovered schemes. */
        @Param({})
        public String scheme;

        /** Whose list: the thread's own. */
        @Param({"private"})
        public String list;

        private RcRuntime runtime;
        private RuntimeThread self;
        private RcList items;
        private RcObject item;

        /** Makes the runtime, attaches, makes the list and the item. */
        @Setup(Level.Trial)
        public void open() {
            runtime = BenchRuntimes.open(scheme);
            self = runtime.attach();
            items = runtime.newList();
            item = runtime.newStr("item");
        }

        /** Drops the objects, detaches, checks nothing leaked. */
        @TearDown(Level.Trial)
        public void close() {
            runtime.decref(items);
            runtime.decref(item);
            self.detach();
            BenchRuntimes.closeWithoutLeaks(runtime);
        }

        /**
         * One append/pop cycle and a checkpoint.
         *
         * @param blackhole consumes the popped item
         */
        @Benchmark
        public void containerOps(final Blackhole blackhole) {
            cycle(runtime, items, item, blackhole);
            self.checkpoint();
        }
    }

    /** Two threads of one runtime, each on its own list. */
    @State(Scope.Benchmark)
    @Threads(2)
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public static class TwoThreadsPrivate {
        /** The scheme under test; filled at run time from the discovered schemes. */
        @Param({})
        public String scheme;

        /** Whose list: each thread's own. */
        @Param({"private"})
        public String list;

        private RcRuntime runtime;

        /** Makes the runtime. */
        @Setup(Level.Trial)
        public void open() {
            runtime = BenchRuntimes.open(scheme);
        }

        /** Checks nothing leaked once both threads have detached. */
        @TearDown(Level.Trial)
        public void close() {
            BenchRuntimes.awaitDetached(runtime, 0);
            BenchRuntimes.closeWithoutLeaks(runtime);
        }

        /** One thread's attachment, list and item. */
        @State(Scope.Thread)
        public static class Worker {
            private RcRuntime runtime;
            private MeasuringThread thread;
            private RcList items;
            private RcObject item;

            /**
             * Attaches this thread and makes its list and item.
             *
             * @param shared the benchmark's runtime
             */
            @Setup(Level.Trial)
            public void attach(final TwoThreadsPrivate shared) {
                runtime = shared.runtime;
                thread = new MeasuringThread(runtime, () -> {
                    items = runtime.newList();
                    item = runtime.newStr("item");
                });
            }

            /** Takes the runtime for this iteration. */
            @Setup(Level.Iteration)
            public void resume() {
                thread.resume();
            }

            /** Drops this thread's objects and detaches. */
            @TearDown(Level.Trial)
            public void detach() {
                thread.detach(() -> {
                    runtime.decref(items);
                    runtime.decref(item);
                });
            }
        }

        /**
         * One append/pop cycle on this thread's list and a checkpoint.
         *
         * @param worker this thread's attachment and objects
         * @param control JMH's iteration control, to release the runtime once measurement stops
         * @param blackhole consumes the popped item
         */
        @Benchmark
        public void containerOps(final Worker worker, final Control control, final Blackhole blackhole) {
            if (worker.thread.pauseIfStopped(control)) {
                return;
            }
            cycle(runtime, worker.items, worker.item, blackhole);
            worker.thread.checkpoint();
        }
    }

    /** Two threads of one runtime on one list made by a third thread. */
    @State(Scope.Benchmark)
    @Threads(2)
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @ThreadSafeSchemesOnly
    public static class TwoThreadsShared {
        /** The scheme under test; filled at run time from the discovered schemes. */
        @Param({})
        public String scheme;

        /** Whose list: one list both threads use. */
        @Param({"shared"})
        public String list;

        private RcRuntime runtime;
        private SideThread owner;
        private RcList items;

        /** Makes the runtime and the shared list, owned by a third thread. */
        @Setup(Level.Trial)
        public void open() {
            runtime = BenchRuntimes.open(scheme);
            owner = SideThread.start(runtime, "list-owner", rt -> List.of(rt.newList()));
            items = (RcList) owner.objects().get(0);
        }

        /** Lets the owner drop the list and checks nothing leaked. */
        @TearDown(Level.Trial)
        public void close() {
            BenchRuntimes.awaitDetached(runtime, 1);
            owner.close();
            BenchRuntimes.closeWithoutLeaks(runtime);
        }

        /** One thread's attachment and item. */
        @State(Scope.Thread)
        public static class Worker {
            private RcRuntime runtime;
            private MeasuringThread thread;
            private RcObject item;

            /**
             * Attaches this thread and makes its item.
             *
             * @param shared the benchmark's runtime
             */
            @Setup(Level.Trial)
            public void attach(final TwoThreadsShared shared) {
                runtime = shared.runtime;
                thread = new MeasuringThread(runtime, () -> item = runtime.newStr("item"));
            }

            /** Takes the runtime for this iteration. */
            @Setup(Level.Iteration)
            public void resume() {
                thread.resume();
            }

            /** Drops this thread's item and detaches. */
            @TearDown(Level.Trial)
            public void detach() {
                thread.detach(() -> runtime.decref(item));
            }
        }

        /**
         * One append/pop cycle on the shared list and a checkpoint.
         *
         * @param worker this thread's attachment and item
         * @param control JMH's iteration control, to release the runtime once measurement stops
         * @param blackhole consumes the popped item
         */
        @Benchmark
        public void containerOps(final Worker worker, final Control control, final Blackhole blackhole) {
            if (worker.thread.pauseIfStopped(control)) {
                return;
            }
            cycle(runtime, items, worker.item, blackhole);
            worker.thread.checkpoint();
        }
    }
}
