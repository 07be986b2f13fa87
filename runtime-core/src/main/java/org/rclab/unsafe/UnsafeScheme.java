package org.rclab.unsafe;

import org.rclab.object.RcObject;
import org.rclab.scheme.CriticalSection;
import org.rclab.scheme.CriticalSections;
import org.rclab.scheme.PlainRefCounter;
import org.rclab.scheme.RefCounter;
import org.rclab.scheme.Scheme;
import org.rclab.scheme.SchemeContext;
import org.rclab.scheme.SchemeInstance;
import org.rclab.scheme.ThreadGate;
import org.rclab.runtime.RuntimeThread;

/**
 * The negative control: plain counts and nothing else. No lock, no atomic instruction, no
 * fence; attaching, checkpoints and critical sections do nothing.
 *
 * <p>With one thread it is exact and is the floor every other scheme's cost is measured
 * against. With several threads two read-modify-writes of one count can interleave and one is
 * lost: a lost increment frees an object that is still referenced, a lost decrement leaks it,
 * and two threads that both see zero free it twice. The stress suite must show this happening;
 * if it cannot, the suite has no teeth.
 */
public final class UnsafeScheme implements Scheme {
    /** The scheme's name: {@value}. */
    public static final String NAME = "unsafe";

    /** Makes the provider; {@link java.util.ServiceLoader} calls this. */
    public UnsafeScheme() {
        // A scheme provider is a stateless factory.
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "negative control: plain counts, no synchronisation; loses counts under threads";
    }

    @Override
    public boolean threadSafe() {
        return false;
    }

    @Override
    public SchemeInstance open(final SchemeContext context) {
        return new NoSynchronisation();
    }

    /** The whole scheme: plain counts, and thread and section facets that do nothing. */
    private static final class NoSynchronisation implements SchemeInstance, ThreadGate, CriticalSections {
        private final PlainRefCounter counter = new PlainRefCounter();

        @Override
        public RefCounter refCounter() {
            return counter;
        }

        @Override
        public ThreadGate threadGate() {
            return this;
        }

        @Override
        public CriticalSections criticalSections() {
            return this;
        }

        @Override
        public void attach(final RuntimeThread thread) {
            // Nothing to enter: the control has no lock.
        }

        @Override
        public void detach(final RuntimeThread thread) {
            // Nothing to leave.
        }

        @Override
        public void checkpoint(final RuntimeThread thread) {
            // Nothing to do at a safe point.
        }

        @Override
        public void release(final RuntimeThread thread) {
            // Nothing to release.
        }

        @Override
        public void reacquire(final RuntimeThread thread) {
            // Nothing to take back.
        }

        @Override
        public CriticalSection enter(final RcObject o) {
            return CriticalSection.NONE;
        }

        @Override
        public CriticalSection enter(final RcObject a, final RcObject b) {
            return CriticalSection.NONE;
        }
    }
}
