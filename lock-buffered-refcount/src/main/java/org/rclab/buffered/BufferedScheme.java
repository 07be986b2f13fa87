package org.rclab.buffered;

import java.util.Map;

import org.rclab.finegrained.ObjectCriticalSections;
import org.rclab.scheme.CriticalSections;
import org.rclab.scheme.RefCounter;
import org.rclab.scheme.Scheme;
import org.rclab.scheme.SchemeContext;
import org.rclab.scheme.SchemeInstance;
import org.rclab.scheme.ThreadGate;

/**
 * Buffered reference counting, the Gilectomy's second answer to the cost of shared counts.
 *
 * <h2>Story</h2>
 * Larry Hastings' Gilectomy (PyCon 2016, "Removing Python's GIL: The Gilectomy"; PyCon 2017,
 * "The Gilectomy: How's It Going?") first removed the GIL with atomic counts and per-object
 * locks, and found every thread stalled on the cache lines of the same hot objects (small ints,
 * {@code None}, builtins). His next step was buffered counting: a thread never touches a count
 * at all. It appends the object to an increment log or a decrement log of its own, and one
 * commit thread reads every thread's logs and applies them, the only thread that ever writes a
 * count, so counts need no atomic instruction and the hot path writes only memory its thread
 * owns. The idea, and the rule that makes it safe, come from the Recycler (Bacon, Attanasio, Lee,
 * Rajan, Smith, "Java without the Coffee Breaks", PLDI 2001): apply a batch's increments before
 * the decrements, and hold decrements back one batch. Hastings reported that the buffered
 * Gilectomy was still slower than CPython with its GIL: the logs cost memory traffic of their
 * own, the commit thread needs a core, and frees, which now happen late and on another thread,
 * lose the cache locality of freeing where the last reference dropped.
 *
 * <h2>Logging</h2>
 * Each attached thread has two bounded rings ({@link EntryRing}): increments and decrements.
 * {@code incref}/{@code decref} store the object and publish the ring's tail with a release store
 * (no atomic read-modify-write, no fence on x86). A full ring makes its thread commit itself
 * ({@link Committer#makeRoom}; memory stays bounded), counted in
 * {@code buffered.full-log-waits} and {@code buffered.full-log-wait-nanos}. Threads that are not
 * attached share one ring pair under a monitor; a thread that detached or died leaves its log to
 * drain ({@link Logs}); nothing logged is lost.
 *
 * <h2>The epoch rule</h2>
 * Commit round <i>N</i> first <em>cuts</em> every log, reading its tails one log after another
 * (with acquire); batch <i>N</i> is everything between cut <i>N</i>-1 and cut <i>N</i>. Then it
 * applies <b>the increments of batch <i>N</i></b> and, after them, <b>the decrements of batch
 * <i>N</i>-1</b>, freeing every object whose count reaches zero. So a decrement waits one round,
 * an increment none.
 *
 * <p><b>Why no live object is freed.</b> (1) <i>An increment that happens-before an applied
 * decrement is applied.</i> Let increment <i>i</i> (logged by thread A) happen-before decrement
 * <i>d</i> (logged by B) of batch <i>N</i>-1. Cut <i>N</i>-1 read B's tail past <i>d</i> with
 * acquire, so A's release store of its tail past <i>i</i> happens-before that read, and every
 * read of A's tail in round <i>N</i>, which follows it, returns at least that value: <i>i</i> is
 * in batch <i>N</i> or earlier, applied before <i>d</i>. Without the delay the rule fails: cut
 * <i>N</i> may read A's log before A logs <i>i</i> and B's log after B logs <i>d</i>, and the
 * round would apply <i>d</i> without <i>i</i>. (2) <i>A reference is only made from a reference
 * that is held</i>, and the making happens-before the release of the one it was made from: the
 * same thread holds it (program order), or a container holds it and both its reader and the
 * thread that removes it take the container's lock (this scheme has no lock-free reads for that
 * reason: a reader's recheck is a read, and orders nothing before the writer's release). (3) So,
 * when a commit takes a count to zero, take any reference <i>r</i> to the object that was ever
 * made: if the increment that made it is applied and its release is not, the count would be at
 * least one; if the increment is not applied, the reference it was made from was not released by
 * an applied decrement either (by 1 and 2), and following that chain back reaches the
 * allocation's reference, which is counted from the start. Every reference has therefore been
 * released by an applied decrement: the object is dead, and can never be reached again. The same
 * chain shows that an applied count never goes below zero in a correct program, so a decrement
 * that finds its object freed is a real over-release, reported as misuse.
 *
 * <h2>Freeing</h2>
 * The committing thread frees through the runtime ({@link SchemeContext#free}), which releases
 * what a container held; those releases are applied at once, not logged
 * ({@link Committer#decrefDirect}). That is safe by the same argument: every increment of an item
 * that was read out of the container happened-before a release of a reference to the container,
 * which is applied, so the increment is applied too. Every write a thread made to an object before
 * its decref is visible to the freeing thread through the acquire read of that thread's tail.
 *
 * <h2>Deferral, and reaching quiescence</h2>
 * A count read between rounds is the count applied so far: it lags, and can be above or below the
 * number of references. {@link RefCounter#quiesce()} runs two rounds on the calling thread (both
 * cut after the call, so the second applies the decrements of the first's batch) and throws a
 * misuse found meanwhile; the harnesses call it before they judge counts or leaks. Closing the
 * runtime stops the commit thread, waits for it to end, and quiesces, so the logs of threads that
 * ended without detaching are applied too.
 *
 * <h2>Known weaknesses</h2>
 * <ul>
 *   <li>The commit thread wants a core of its own; on two cores it competes with the two
 *       threads it serves, and a thread whose log fills commits for everyone.</li>
 *   <li>Frees are late and on another thread: memory is held for a round or two, and an object
 *       is freed by a thread whose cache does not hold it.</li>
 *   <li>Every change costs a store to the log, and the commit a load of the object's header: on
 *       one thread this is slower than a plain count, where only a cache-line fight on a shared
 *       count (two threads, one object) lets it win.</li>
 *   <li>No lock-free container reads ({@link RefCounter#lockFreeReads()} is {@code false}): a
 *       try-incref cannot be answered without the count.</li>
 * </ul>
 *
 * <h2>Containers</h2>
 * Mutable containers are changed inside per-object critical sections, borrowed from the
 * {@code fine-grained} scheme ({@link ObjectCriticalSections}); blocking work suspends them.
 */
public final class BufferedScheme implements Scheme {
    /** The scheme's name: {@value}. */
    public static final String NAME = "buffered";
    /** The option setting the entries each ring of a thread's log holds: {@value}. */
    public static final String LOG_CAPACITY = "log-capacity";
    /** The option that turns the commit thread off ({@code off}): {@value}. */
    public static final String COMMIT_THREAD = "commit-thread";
    /** Entries per ring unless {@value #LOG_CAPACITY} says otherwise: {@value}. */
    public static final int DEFAULT_LOG_CAPACITY = 4096;

    /** Makes the provider; {@link java.util.ServiceLoader} calls this. */
    public BufferedScheme() {
        // A scheme provider is a stateless factory.
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "buffered reference counting (Gilectomy): threads log count changes, a commit thread applies them by epochs";
    }

    @Override
    public boolean threadSafe() {
        return true;
    }

    @Override
    public Map<String, String> options() {
        return Map.of(
                LOG_CAPACITY, "entries in each of a thread's two log rings, a power of two (default "
                        + DEFAULT_LOG_CAPACITY + "); a full ring makes its thread commit",
                COMMIT_THREAD, "on (default) or off: without the commit thread, logs are applied only when one "
                        + "fills and by quiesce (for stepped tests and model checking)");
    }

    @Override
    public SchemeInstance open(final SchemeContext context) {
        final int capacity = logCapacity(context);
        final boolean withThread = commitThread(context);
        final BufferedMetrics metrics = new BufferedMetrics(context.metrics());
        final Logs logs = new Logs(capacity);
        final Committer committer = new Committer(logs, context, metrics, withThread);
        final ObjectCriticalSections sections = new ObjectCriticalSections(context, NAME);
        return new Instance(new BufferedRefCounter(logs, committer), new BufferedThreadGate(logs, sections),
                sections, committer);
    }

    private static int logCapacity(final SchemeContext context) {
        final String value = context.option(LOG_CAPACITY).orElse(null);
        if (value == null) {
            return DEFAULT_LOG_CAPACITY;
        }
        final int capacity;
        try {
            capacity = Integer.parseInt(value.strip());
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException(LOG_CAPACITY + " must be a power of two, not '" + value + "'", e);
        }
        if (capacity < 1 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException(LOG_CAPACITY + " must be a power of two, not '" + value + "'");
        }
        return capacity;
    }

    private static boolean commitThread(final SchemeContext context) {
        final String value = context.option(COMMIT_THREAD).orElse("on").strip();
        return switch (value) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException(COMMIT_THREAD + " must be on or off, not '" + value + "'");
        };
    }

    /** One runtime's scheme: the three facets, and the committer that close stops. */
    record Instance(RefCounter refCounter, ThreadGate threadGate, CriticalSections criticalSections,
                    Committer committer) implements SchemeInstance {
        /** Stops the commit thread and applies what is left (see {@link Committer#close}). */
        @Override
        public void close() {
            committer.close();
        }
    }
}
