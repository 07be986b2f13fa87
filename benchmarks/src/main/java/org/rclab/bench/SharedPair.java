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
import org.rclab.object.RcObject;
import org.rclab.runtime.RcRuntime;

/**
 * What an incref and a decref cost when two threads hammer one object at once: nanoseconds per
 * pair per thread (so 2 threads at 20 ns each complete one pair every 10 ns together).
 *
 * <p>The pair has {@code ownedPair}'s shape (see {@link HandOff}). Each operation also passes a
 * checkpoint, as an interpreter loop would; without it a GIL would never hand over and one thread
 * would do all the work. The object is made by a third
 * thread, so both measuring threads take the non-owner path of a biased scheme: the contended
 * case, where the count's cache line moves between the cores on every operation. Under a GIL
 * the threads take turns instead, so the figure is one thread's cost doubled plus the hand-overs.
 * Only thread-safe schemes run it: the control would lose counts and free the object in use.
 */
@State(Scope.Benchmark)
@Threads(2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@ThreadSafeSchemesOnly
public class SharedPair {
    /** The scheme under test; filled at run time from the discovered schemes. */
    @Param({})
    public String scheme;

    private RcRuntime runtime;
    private SideThread owner;
    private RcObject object;

    /** Makes the runtime and the shared object, owned by a third thread. */
    @Setup(Level.Trial)
    public void open() {
        runtime = BenchRuntimes.open(scheme);
        owner = SideThread.start(runtime, "shared-owner", rt -> List.of(rt.newStr("shared")));
        object = owner.objects().get(0);
    }

    /** Lets the owner drop the object and checks nothing leaked. */
    @TearDown(Level.Trial)
    public void close() {
        BenchRuntimes.awaitDetached(runtime, 1);
        owner.close();
        BenchRuntimes.closeWithoutLeaks(runtime);
    }

    /** One measuring thread's attachment. */
    @State(Scope.Thread)
    public static class Worker {
        private MeasuringThread thread;

        /**
         * Attaches this thread (released until an iteration starts).
         *
         * @param shared the benchmark's runtime
         */
        @Setup(Level.Trial)
        public void attach(final SharedPair shared) {
            thread = new MeasuringThread(shared.runtime, () -> { });
        }

        /** Takes the runtime for this iteration. */
        @Setup(Level.Iteration)
        public void resume() {
            thread.resume();
        }

        /** Detaches this thread. */
        @TearDown(Level.Trial)
        public void detach() {
            thread.detach(() -> { });
        }
    }

    /**
     * Incref the shared object, hand it to a blackhole in a call, decref it, then a checkpoint.
     *
     * @param worker this thread's attachment
     * @param control JMH's iteration control, to release the runtime once measurement stops
     * @param blackhole receives the object between the two operations
     */
    @Benchmark
    public void sharedPair(final Worker worker, final Control control, final Blackhole blackhole) {
        if (worker.thread.pauseIfStopped(control)) {
            return;
        }
        runtime.incref(object);
        HandOff.pass(object, blackhole);
        runtime.decref(object);
        worker.thread.checkpoint();
    }
}
