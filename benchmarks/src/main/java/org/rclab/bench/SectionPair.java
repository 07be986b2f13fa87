package org.rclab.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.rclab.object.RcList;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;
import org.rclab.scheme.CriticalSection;

/**
 * What an uncontended critical section costs, shaped like {@link Physical}'s {@code cas-lock}
 * floor so that the two divide: 16 lists, a section over each around a plain raise of a counter,
 * then a section over each around the matching lower; the score is per pair of sections. One
 * thread, its own lists, so no lock is ever contended: the figure is the scheme's section
 * machinery (finding the thread's section stack, the frame, the nesting checks) over the bare
 * compare-and-set lock of the floor.
 *
 * <p>The counters are a plain array of the benchmark's, not the objects' headers (those belong
 * to the scheme). Under a scheme whose sections are no-ops ({@code unsafe}) the JIT may fold each
 * raise with its lower; its figure is not a section's cost, and no target reads it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SectionPair {
    /** The scheme under test; filled at run time from the discovered schemes. */
    @Param({})
    public String scheme;

    private RcRuntime runtime;
    private RuntimeThread self;
    private RcList[] lists;
    private long[] counts;

    /** Makes the runtime, attaches this thread and makes its lists. */
    @Setup(Level.Trial)
    public void open() {
        runtime = BenchRuntimes.open(scheme);
        self = runtime.attach();
        lists = new RcList[OwnedPair.BATCH];
        for (int i = 0; i < lists.length; i++) {
            lists[i] = runtime.newList();
        }
        counts = new long[OwnedPair.BATCH];
    }

    /** Drops the lists, detaches and checks nothing leaked. */
    @TearDown(Level.Trial)
    public void close() {
        for (final RcList list : lists) {
            runtime.decref(list);
        }
        self.detach();
        BenchRuntimes.closeWithoutLeaks(runtime);
    }

    /**
     * A section over each of 16 lists around a raise, then one over each around a lower.
     *
     * @return a counter, so the work has a consumed result
     */
    @Benchmark
    @OperationsPerInvocation(OwnedPair.BATCH)
    public long sectionPair() {
        final RcList[] ls = lists;
        final long[] cs = counts;
        for (int i = 0; i < ls.length; i++) {
            try (CriticalSection section = runtime.enter(ls[i])) {
                cs[i]++;
            }
        }
        for (int i = 0; i < ls.length; i++) {
            try (CriticalSection section = runtime.enter(ls[i])) {
                cs[i]--;
            }
        }
        return cs[0];
    }
}
