package org.rclab.finegrained;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.rclab.object.Header;
import org.rclab.object.RcList;
import org.rclab.runtime.RcRuntime;
import org.rclab.scheme.CriticalSection;

/**
 * What an object lock costs when nobody else wants it: one thread, one object, lock then unlock.
 * {@code lockUnlock} is the bare lock word (one CAS in; out, a read of the parking lot's count of
 * announced parkers and a release store);
 * {@code lockUnlockByCas} the same with the unlock the lock had before issue 13 (a CAS out, as
 * CPython's {@code PyMutex_Unlock}), the A/B of that change in one JVM; {@code sectionEnterClose}
 * is the same through a one-object critical section (the stack lookup, the reused
 * frame, the nesting checks); {@code pairSectionEnterClose} is a two-object section;
 * {@code unlockedRead} is the read each of them does, without any lock.
 *
 * <p>Each method returns a value that depends on the lock word, so the JIT cannot drop the
 * CASes; with a single thread the locks are never contended, so the numbers are the fast paths
 * only. On a machine shared with other work the spread, not just the mean, matters.
 *
 * <p>Run (after {@code mvn -B -q -pl lock-fine-grained -am verify}):
 * {@code java -cp <test class path> org.openjdk.jmh.Main UncontendedLockBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class UncontendedLockBenchmark {
    private RcRuntime rt;
    private RcList first;
    private RcList second;
    private LockMetrics metrics;
    private SectionStack stack;

    /** Makes the runtime and the objects to lock. */
    @Setup(Level.Trial)
    public void open() {
        rt = RcRuntime.create(FineGrainedScheme.NAME);
        first = rt.newList();
        second = rt.newList();
        metrics = ((ObjectCriticalSections) rt.schemeInstance().criticalSections()).metrics();
        stack = new SectionStack();
    }

    /** Releases the objects and closes the runtime. */
    @TearDown(Level.Trial)
    public void close() {
        rt.decref(first);
        rt.decref(second);
        rt.close();
    }

    /**
     * The baseline: the same read with no lock, to subtract from the others.
     *
     * @return the size of the list
     */
    @Benchmark
    public int unlockedRead() {
        return first.size();
    }

    /**
     * The bare lock word: CAS 0 → 1, then a read of the parking lot's parker count (zero here)
     * and a release store of 0.
     *
     * @return the size of the locked list, read inside the lock
     */
    @Benchmark
    public int lockUnlock() {
        ObjectLock.lock(first, stack, metrics, LockOptions.DEFAULT);
        final int size = first.size();
        ObjectLock.unlock(first, metrics, LockOptions.DEFAULT);
        return size;
    }

    /**
     * The bare lock word unlocked as before issue 13: CAS 0 → 1, then CAS 1 → 0 (never contended
     * here, so the CAS never fails and the parking lot is never asked).
     *
     * @return the size of the locked list, read inside the lock
     */
    @Benchmark
    public int lockUnlockByCas() {
        ObjectLock.lock(first, stack, metrics, LockOptions.DEFAULT);
        final int size = first.size();
        if (!Header.compareAndSetLockWord(first, ObjectLock.LOCKED, 0)) {
            throw new IllegalStateException("contended in a one-thread benchmark");
        }
        return size;
    }

    /**
     * A one-object critical section entered and closed.
     *
     * @return the size of the list, read inside the section
     */
    @Benchmark
    public int sectionEnterClose() {
        try (CriticalSection section = rt.enter(first)) {
            return first.size();
        }
    }

    /**
     * A two-object critical section entered and closed.
     *
     * @return the sum of the sizes, read inside the section
     */
    @Benchmark
    public int pairSectionEnterClose() {
        try (CriticalSection section = rt.enter(first, second)) {
            return first.size() + second.size();
        }
    }
}
