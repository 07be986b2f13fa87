package org.rclab.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every thread's lane over a recording, with the event counts the summary needs.
 *
 * @param lanes one lane per thread, in the order the threads first attached
 * @param start the earliest event's start (nanoseconds since the epoch)
 * @param end the latest event's end
 * @param handovers events that carried {@code handover = true}
 * @param counts how many events of each type were recorded, by type name
 * @param labels each recorded type's label, by type name
 */
public record Timeline(List<Lane> lanes, long start, long end, long handovers, Map<String, Long> counts,
                       Map<String, String> labels) {
    /**
     * Runs of waiting closer together than this ({@value} ns), with only running between them,
     * are one wait: the instructions between a forced switch and the take that follows it, not a
     * time the thread held the lock.
     */
    public static final long WAIT_JOIN_NANOS = 20_000;

    /**
     * The recording's length.
     *
     * @return nanoseconds from the first event's start to the last one's end
     */
    public long span() {
        return end - start;
    }

    /**
     * One thread's lane: when it was attached, what it did meanwhile, and its markers.
     *
     * @param threadName the thread's name
     * @param threadId its Java id
     * @param segments consecutive, non-overlapping stretches of one state each, only while attached
     * @param marks the marker events on this lane, in time order
     */
    public record Lane(String threadName, long threadId, List<Segment> segments, List<Mark> marks) {
        /**
         * Nanoseconds spent in a state.
         *
         * @param state the state
         * @return the total over the lane
         */
        public long total(final State state) {
            return segments.stream().filter(s -> s.state() == state).mapToLong(Segment::duration).sum();
        }

        /**
         * Nanoseconds attached.
         *
         * @return the sum of every segment
         */
        public long attached() {
            return segments.stream().mapToLong(Segment::duration).sum();
        }

        /**
         * The thread's waits for locks, in time order: each run of {@link State#WAITING} or
         * {@link State#PARKED} segments (a GIL, or an object lock), joined across running gaps
         * shorter than {@link #WAIT_JOIN_NANOS}.
         *
         * @return each wait's length in nanoseconds
         */
        public List<Long> waits() {
            final List<Long> waits = new ArrayList<>();
            long waitStart = -1;
            long waitEnd = -1;
            for (final Segment s : segments) {
                if (s.state() == State.WAITING || s.state() == State.PARKED) {
                    if (waitStart < 0) {
                        waitStart = s.start();
                    }
                    waitEnd = s.end();
                } else if (waitStart >= 0 && (s.state() != State.RUNNING || s.duration() >= WAIT_JOIN_NANOS)) {
                    waits.add(waitEnd - waitStart);
                    waitStart = -1;
                }
            }
            if (waitStart >= 0) {
                waits.add(waitEnd - waitStart);
            }
            return waits;
        }
    }

    /**
     * A stretch of one state.
     *
     * @param state the state
     * @param start its start (nanoseconds since the epoch)
     * @param end its end
     */
    public record Segment(State state, long start, long end) {
        /**
         * The stretch's length.
         *
         * @return nanoseconds
         */
        public long duration() {
            return end - start;
        }
    }

    /**
     * A marker: an event annotated {@code Marker}, at its start.
     *
     * @param name the event type's name
     * @param label the event type's label
     * @param time when (nanoseconds since the epoch)
     */
    public record Mark(String name, String label, long time) {
    }
}
