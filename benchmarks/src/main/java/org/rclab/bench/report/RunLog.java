package org.rclab.bench.report;

import java.util.List;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;

/**
 * Everything a report is made from, as {@code rounds.json}: how the run was made, its control,
 * and every fork with its round, position, load and scheme metrics. JMH's own JSON
 * ({@code jmh.json}) holds the same scores without the rounds and the load; this file lets a
 * report be rebuilt, or a run compared with another, without running anything.
 *
 * @param info how the run was made
 * @param control the control scheme, or {@code null}
 * @param forks every fork, in run order
 */
public record RunLog(RunInfo info, String control, List<ForkResult> forks) {
    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().setPrettyPrinting()
            .disableHtmlEscaping().create();

    /** Makes the record; the forks are copied. */
    public RunLog {
        forks = List.copyOf(forks);
    }

    /**
     * The log as JSON.
     *
     * @return the text
     */
    public String toJson() {
        return GSON.toJson(this);
    }

    /**
     * Reads a log written by {@link #toJson()}.
     *
     * @param json the text
     * @return the log
     * @throws IllegalArgumentException if it is not such a log
     */
    public static RunLog fromJson(final String json) {
        try {
            final RunLog log = GSON.fromJson(json, RunLog.class);
            if (log == null || log.info() == null) {
                throw new IllegalArgumentException("not a rounds.json: no run information");
            }
            return log;
        } catch (final JsonParseException | IllegalStateException e) {
            throw new IllegalArgumentException("not a rounds.json: " + e.getMessage(), e);
        } catch (final RuntimeException e) {
            // Gson reports a record it cannot build (a value of the wrong shape) as a bare RuntimeException.
            throw new IllegalArgumentException("not a rounds.json: " + e.getMessage(), e);
        }
    }
}
