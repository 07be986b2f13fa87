package org.rclab.trace;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns recorded events into lanes, one per thread.
 *
 * <p>A thread is attached from the start of each attach event to the next detach event (or the
 * end of the recording, if it never detached; from the start of the recording if its first event
 * is a detach). While attached it is {@link State#RUNNING} except where an event annotated
 * {@code LaneState} paints another state over its duration. Painting is clipped to the attached
 * stretches; where two painting events overlap, the one that started first keeps the overlap (the
 * schemes' painting events do not nest: a wait ends before blocking work starts, and so on).
 */
public final class LaneBuilder {
    private LaneBuilder() {
    }

    /**
     * Builds the lanes.
     *
     * @param events the recorded lab events, in any order
     * @return the timeline
     * @throws IllegalArgumentException if there are no events
     */
    public static Timeline build(final List<TraceEvent> events) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("the recording holds no Refcount Lab events");
        }
        final List<TraceEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparingLong(TraceEvent::start).thenComparingLong(TraceEvent::end));
        final long start = sorted.get(0).start();
        final long end = sorted.stream().mapToLong(TraceEvent::end).max().orElseThrow();
        final Map<Long, List<TraceEvent>> byThread = new LinkedHashMap<>();
        final Map<String, Long> counts = new TreeMap<>();
        final Map<String, String> labels = new TreeMap<>();
        long handovers = 0;
        for (final TraceEvent e : sorted) {
            byThread.computeIfAbsent(e.threadId(), k -> new ArrayList<>()).add(e);
            counts.merge(e.name(), 1L, Long::sum);
            labels.putIfAbsent(e.name(), e.label());
            if (e.handover()) {
                handovers++;
            }
        }
        final List<Timeline.Lane> lanes = new ArrayList<>();
        for (final List<TraceEvent> thread : byThread.values()) {
            lanes.add(lane(thread, start, end));
        }
        return new Timeline(lanes, start, end, handovers, counts, labels);
    }

    /** One thread's lane from its events, sorted by start. */
    private static Timeline.Lane lane(final List<TraceEvent> events, final long recordingStart, final long recordingEnd) {
        final List<long[]> attached = attachedStretches(events, recordingStart, recordingEnd);
        final List<Timeline.Segment> segments = new ArrayList<>();
        for (final long[] stretch : attached) {
            paint(events, stretch[0], stretch[1], segments);
        }
        final List<Timeline.Mark> marks = new ArrayList<>();
        for (final TraceEvent e : events) {
            if (e.marker()) {
                marks.add(new Timeline.Mark(e.name(), e.label(), e.start()));
            }
        }
        final TraceEvent first = events.get(0);
        return new Timeline.Lane(first.threadName(), first.threadId(), List.copyOf(segments), List.copyOf(marks));
    }

    private static List<long[]> attachedStretches(final List<TraceEvent> events, final long recordingStart,
                                                  final long recordingEnd) {
        final List<long[]> stretches = new ArrayList<>();
        long openedAt = Long.MIN_VALUE;
        boolean sawLifecycle = false;
        for (final TraceEvent e : events) {
            if (TraceEvent.ATTACH.equals(e.name())) {
                sawLifecycle = true;
                if (openedAt == Long.MIN_VALUE) {
                    openedAt = e.start();
                }
            } else if (TraceEvent.DETACH.equals(e.name())) {
                final long from = openedAt == Long.MIN_VALUE && !sawLifecycle ? recordingStart : openedAt;
                sawLifecycle = true;
                if (from != Long.MIN_VALUE) {
                    stretches.add(new long[] {from, e.start()});
                }
                openedAt = Long.MIN_VALUE;
            }
        }
        if (openedAt != Long.MIN_VALUE) {
            stretches.add(new long[] {openedAt, recordingEnd});
        } else if (!sawLifecycle) {
            // Attached before the recording began and still attached when it ended.
            stretches.add(new long[] {recordingStart, recordingEnd});
        }
        return stretches;
    }

    /** Paints one attached stretch: running, with the painting events' states over it. */
    private static void paint(final List<TraceEvent> events, final long from, final long to,
                              final List<Timeline.Segment> out) {
        long cursor = from;
        for (final TraceEvent e : events) {
            if (e.laneState() == null || e.end() <= cursor || e.start() >= to) {
                continue;
            }
            final Optional<State> state = State.ofLaneState(e.laneState());
            if (state.isEmpty()) {
                continue;
            }
            final long paintFrom = Math.max(e.start(), cursor);
            final long paintTo = Math.min(e.end(), to);
            add(out, State.RUNNING, cursor, paintFrom);
            add(out, state.get(), paintFrom, paintTo);
            cursor = paintTo;
        }
        add(out, State.RUNNING, cursor, to);
    }

    /** Appends a stretch, merging it into the last one if that has the same state and ends where it starts. */
    private static void add(final List<Timeline.Segment> out, final State state, final long from, final long to) {
        if (to <= from) {
            return;
        }
        if (!out.isEmpty()) {
            final Timeline.Segment last = out.get(out.size() - 1);
            if (last.state() == state && last.end() == from) {
                out.set(out.size() - 1, new Timeline.Segment(state, last.start(), to));
                return;
            }
        }
        out.add(new Timeline.Segment(state, from, to));
    }
}
