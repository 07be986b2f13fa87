package org.rclab.trace;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jdk.jfr.Event;
import jdk.jfr.EventType;
import jdk.jfr.Recording;

import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.events.ReleasedEvent;
import org.rclab.runtime.events.ThreadAttachEvent;
import org.rclab.runtime.events.ThreadDetachEvent;
import org.rclab.scheme.Scheme;

/**
 * Runs a workload on a fresh runtime of one scheme under a JFR recording of the runtime's events
 * and the scheme's, and writes the recording to a file. Only those events are enabled, without
 * stack traces and with no threshold (every wait is recorded, however short); the shared objects
 * are made before the recording starts and released after it stops.
 */
public final class Recorder {
    private static final List<Class<? extends Event>> RUNTIME_EVENTS = List.of(ThreadAttachEvent.class,
            ThreadDetachEvent.class, ReleasedEvent.class);

    private Recorder() {
    }

    /**
     * The events a trace of a scheme records, each with its name and label: the runtime's and the
     * scheme's. The summary lists them all, with a count of zero for those that never occurred.
     *
     * @param scheme the scheme
     * @return event type name to label, the runtime's first
     */
    public static Map<String, String> eventLabels(final Scheme scheme) {
        final Map<String, String> labels = new LinkedHashMap<>();
        for (final Class<? extends Event> type : events(scheme)) {
            final EventType metadata = EventType.getEventType(type);
            labels.put(metadata.getName(), metadata.getLabel() == null ? metadata.getName() : metadata.getLabel());
        }
        return labels;
    }

    private static List<Class<? extends Event>> events(final Scheme scheme) {
        final List<Class<? extends Event>> events = new ArrayList<>(RUNTIME_EVENTS);
        events.addAll(scheme.events());
        return events;
    }

    /**
     * Records one run.
     *
     * @param scheme the scheme
     * @param workload what the threads do
     * @param threads how many threads
     * @param millis how long they run
     * @param file the {@code .jfr} file to write
     * @throws IOException if the recording cannot be written
     * @throws InterruptedException if interrupted while the workload runs
     */
    public static void record(final Scheme scheme, final Workload workload, final int threads, final long millis,
                              final Path file) throws IOException, InterruptedException {
        try (RcRuntime runtime = RcRuntime.builder(scheme).build()) {
            final Workload.Run run = workload.prepare(runtime, threads);
            try (Recording recording = new Recording()) {
                recording.setName("rclab trace " + scheme.name() + " " + workload.word());
                recording.setToDisk(true);
                for (final Class<? extends Event> type : events(scheme)) {
                    recording.enable(type).withoutStackTrace().withoutThreshold();
                }
                recording.start();
                run.run(millis);
                recording.stop();
                recording.dump(file);
            } finally {
                run.close();
            }
        }
    }
}
