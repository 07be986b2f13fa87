package org.rclab.trace;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jdk.jfr.AnnotationElement;
import jdk.jfr.EventType;
import jdk.jfr.ValueDescriptor;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import org.rclab.runtime.events.LaneState;
import org.rclab.runtime.events.Marker;

/**
 * Reads a recording's lab events (category {@value LaneState#CATEGORY} first) with
 * {@code jdk.jfr.consumer}. What it takes from each event type is in the recording's metadata,
 * so it needs none of the schemes' classes: the {@link LaneState} and {@link Marker}
 * annotations, and a {@code boolean} field named {@value LaneState#HANDOVER_FIELD}.
 */
public final class TraceReader {
    private TraceReader() {
    }

    /**
     * Reads every lab event of a recording.
     *
     * @param file the {@code .jfr} file
     * @return the events, in file order
     * @throws IOException if the file cannot be read
     */
    public static List<TraceEvent> read(final Path file) throws IOException {
        final Map<Long, Kind> kinds = new HashMap<>();
        final List<TraceEvent> events = new ArrayList<>();
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                final RecordedEvent e = recording.readEvent();
                final Kind kind = kinds.computeIfAbsent(e.getEventType().getId(), id -> Kind.of(e.getEventType()));
                if (kind == null || e.getThread() == null) {
                    continue;
                }
                final RecordedThread thread = e.getThread();
                events.add(new TraceEvent(e.getEventType().getName(), kind.label, thread.getJavaThreadId(),
                        thread.getJavaName(), nanos(e.getStartTime()), nanos(e.getEndTime()), kind.laneState,
                        kind.marker, kind.handoverField && e.getBoolean(LaneState.HANDOVER_FIELD)));
            }
        }
        return events;
    }

    private static boolean isLab(final EventType type) {
        final List<String> category = type.getCategoryNames();
        return !category.isEmpty() && LaneState.CATEGORY.equals(category.get(0));
    }

    private static String labelOf(final EventType type) {
        return type.getLabel() == null ? type.getName() : type.getLabel();
    }

    private static long nanos(final Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    /** What the reader takes from an event type, worked out once per type. */
    private static final class Kind {
        final String label;
        final String laneState;
        final boolean marker;
        final boolean handoverField;

        private Kind(final String label, final String laneState, final boolean marker, final boolean handoverField) {
            this.label = label;
            this.laneState = laneState;
            this.marker = marker;
            this.handoverField = handoverField;
        }

        /** The type's reading, or {@code null} if it is not a lab event. */
        static Kind of(final EventType type) {
            if (!isLab(type)) {
                return null;
            }
            String laneState = null;
            boolean marker = false;
            for (final AnnotationElement a : type.getAnnotationElements()) {
                if (a.getTypeName().equals(LaneState.class.getName())) {
                    laneState = (String) a.getValue("value");
                } else if (a.getTypeName().equals(Marker.class.getName())) {
                    marker = true;
                }
            }
            final ValueDescriptor handover = type.getField(LaneState.HANDOVER_FIELD);
            return new Kind(labelOf(type), laneState, marker,
                    handover != null && "boolean".equals(handover.getTypeName()));
        }
    }
}
