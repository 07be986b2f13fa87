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
import org.openjdk.jmh.infra.Blackhole;
import org.rclab.object.RcObject;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;

/**
 * What one incref and one decref cost when the only measuring thread touches an object another
 * (live, idle) thread made: nanoseconds per pair, biased counting's slow path with no contention.
 *
 * <p>The same shape as {@code ownedPair} (incref, the object handed to a {@link Blackhole} in a call
 * the JIT may not inline, decref), so the two compare
 * directly. What would make it lie: an object made by the measuring thread itself would take
 * the owner's fast path and this would measure {@code ownedPair} again, so the object comes from
 * a {@link SideThread} that stays attached (released) for the whole trial.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ForeignPair {
    /** The scheme under test; filled at run time from the discovered schemes. */
    @Param({})
    public String scheme;

    private RcRuntime runtime;
    private SideThread owner;
    private RuntimeThread self;
    private RcObject object;

    /** Makes the runtime and the foreign object, then attaches this thread. */
    @Setup(Level.Trial)
    public void open() {
        runtime = BenchRuntimes.open(scheme);
        // The owner attaches before this thread does: under a GIL it could not while we held it.
        owner = SideThread.start(runtime, "foreign-owner", rt -> List.of(rt.newStr("foreign")));
        object = owner.objects().get(0);
        self = runtime.attach();
    }

    /** Detaches, lets the owner drop the object, and checks nothing leaked. */
    @TearDown(Level.Trial)
    public void close() {
        self.detach();
        owner.close();
        BenchRuntimes.closeWithoutLeaks(runtime);
    }

    /**
     * One incref, the object handed to a blackhole in a call, one decref, on an object this thread
     * did not make.
     *
     * @param blackhole receives the object between the two operations
     */
    @Benchmark
    public void foreignPair(final Blackhole blackhole) {
        runtime.incref(object);
        HandOff.pass(object, blackhole);
        runtime.decref(object);
    }
}
