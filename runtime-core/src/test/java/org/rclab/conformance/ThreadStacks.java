package org.rclab.conformance;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/** Stack dumps of stuck threads, for the messages of tests that hit their bound. */
final class ThreadStacks {
    /** Enough frames to show the lock a thread waits on and the kit code that called it. */
    private static final int MAX_FRAMES = 40;

    private ThreadStacks() {
    }

    /**
     * The stacks of the live threads of a group and its subgroups.
     *
     * @param group the group
     * @return one block per thread
     */
    static String of(final ThreadGroup group) {
        return of(live(group));
    }

    /**
     * The stacks of those of the given threads that are still alive.
     *
     * @param threads the threads
     * @return one block per live thread
     */
    static String of(final Collection<Thread> threads) {
        final StringBuilder out = new StringBuilder();
        for (final Thread t : threads) {
            if (!t.isAlive()) {
                continue;
            }
            out.append('"').append(t.getName()).append("\" ").append(t.getState()).append('\n');
            final StackTraceElement[] frames = t.getStackTrace();
            for (int i = 0; i < Math.min(frames.length, MAX_FRAMES); i++) {
                out.append("    at ").append(frames[i]).append('\n');
            }
            if (frames.length > MAX_FRAMES) {
                out.append("    ... ").append(frames.length - MAX_FRAMES).append(" more\n");
            }
        }
        return out.length() == 0 ? "(none alive)\n" : out.toString();
    }

    /**
     * Interrupts the live threads of a group, so that a stuck thread whose wait honours
     * interrupts can end instead of idling until the JVM exits.
     *
     * @param group the group
     */
    static void interrupt(final ThreadGroup group) {
        live(group).forEach(Thread::interrupt);
    }

    private static List<Thread> live(final ThreadGroup group) {
        Thread[] threads = new Thread[group.activeCount() + 8];
        int n;
        while ((n = group.enumerate(threads, true)) == threads.length) {
            threads = new Thread[threads.length * 2];
        }
        return Arrays.asList(threads).subList(0, n);
    }
}
