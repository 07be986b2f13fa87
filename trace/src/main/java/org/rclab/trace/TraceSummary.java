package org.rclab.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of a timeline and their Markdown: each thread's share of its attached time in
 * every state, its waits (count, median, 99th percentile, longest), hand-overs per second, and
 * how often each of the scheme's events occurred.
 *
 * <p>Percentiles are nearest-rank: the p-th percentile of n sorted waits is the
 * ⌈p·n⌉-th, so with fewer than 100 waits the 99th percentile is the longest.
 */
public final class TraceSummary {
    private TraceSummary() {
    }

    /**
     * One thread's figures.
     *
     * @param thread the thread's name
     * @param attachedNanos time attached
     * @param running share of that time running (under a GIL: holding it), 0 to 1
     * @param waiting share waiting for a lock
     * @param released share released for blocking work
     * @param parked share parked on object locks
     * @param waits the waits, in nanoseconds, sorted
     */
    public record Row(String thread, long attachedNanos, double running, double waiting, double released,
                      double parked, List<Long> waits) {
        /**
         * A percentile of the waits.
         *
         * @param p between 0 (exclusive) and 1
         * @return nanoseconds, or -1 if there were no waits
         */
        public long percentile(final double p) {
            return TraceSummary.percentile(waits, p);
        }
    }

    /**
     * Every lane's figures.
     *
     * @param timeline the timeline
     * @return one row per lane, in lane order
     */
    public static List<Row> rows(final Timeline timeline) {
        final List<Row> rows = new ArrayList<>();
        for (final Timeline.Lane lane : timeline.lanes()) {
            final double attached = lane.attached();
            final List<Long> waits = new ArrayList<>(lane.waits());
            waits.sort(null);
            rows.add(new Row(lane.threadName(), lane.attached(), share(lane.total(State.RUNNING), attached),
                    share(lane.total(State.WAITING), attached), share(lane.total(State.RELEASED), attached),
                    share(lane.total(State.PARKED), attached), List.copyOf(waits)));
        }
        return rows;
    }

    /**
     * Every thread's waits together, sorted.
     *
     * @param rows the rows
     * @return nanoseconds
     */
    public static List<Long> allWaits(final List<Row> rows) {
        final List<Long> all = new ArrayList<>();
        rows.forEach(r -> all.addAll(r.waits()));
        all.sort(null);
        return all;
    }

    /**
     * Hand-overs per second of recording.
     *
     * @param timeline the timeline
     * @return the rate
     */
    public static double handoversPerSecond(final Timeline timeline) {
        return timeline.handovers() / seconds(timeline.span());
    }

    /**
     * The nearest-rank percentile of sorted values.
     *
     * @param sorted the values, ascending
     * @param p between 0 (exclusive) and 1
     * @return the value, or -1 if there are none
     */
    static long percentile(final List<Long> sorted, final double p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        final int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }

    /**
     * The summary as Markdown.
     *
     * @param title the heading, e.g. {@code gil, convoy}
     * @param context lines of context under the heading (the run's settings, the load)
     * @param timeline the timeline
     * @param schemeEvents the scheme's and runtime's event types (name to label), listed even when
     *        none was recorded
     * @return the Markdown text
     */
    public static String markdown(final String title, final List<String> context, final Timeline timeline,
                                  final Map<String, String> schemeEvents) {
        final StringBuilder md = new StringBuilder();
        md.append("# ").append(title).append("\n\n");
        context.forEach(line -> md.append(line).append('\n'));
        md.append('\n');
        final List<Row> rows = rows(timeline);
        md.append("Shares of each thread's attached time; a wait is a run of waiting for a lock or parked on one (one wait ")
                .append("across a forced switch and the take after it); percentiles are nearest-rank.\n\n");
        md.append("| thread | attached | running (GIL: holding) | waiting | released | parked | waits | median wait "
                + "| p99 wait | longest wait |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (final Row r : rows) {
            md.append(String.format(Locale.ROOT, "| %s | %.3f s | %s | %s | %s | %s | %d | %s | %s | %s |%n", r.thread(),
                    seconds(r.attachedNanos()), percent(r.running()), percent(r.waiting()), percent(r.released()),
                    percent(r.parked()), r.waits().size(), millis(r.percentile(0.5)), millis(r.percentile(0.99)),
                    millis(r.percentile(1.0))));
        }
        final List<Long> all = allWaits(rows);
        md.append(String.format(Locale.ROOT, "| all threads | | | | | | %d | %s | %s | %s |%n%n", all.size(),
                millis(percentile(all, 0.5)), millis(percentile(all, 0.99)), millis(percentile(all, 1.0))));
        md.append(String.format(Locale.ROOT, "- hand-overs: %d (%.1f per second over %.3f s of recording)%n%n",
                timeline.handovers(), handoversPerSecond(timeline), seconds(timeline.span())));
        final Map<String, String> types = new TreeMap<>(schemeEvents);
        types.putAll(timeline.labels());
        md.append("| event | count | per second |\n|---|---|---|\n");
        for (final Map.Entry<String, String> type : types.entrySet()) {
            final long count = timeline.counts().getOrDefault(type.getKey(), 0L);
            md.append(String.format(Locale.ROOT, "| %s (`%s`) | %d | %.1f |%n", type.getValue(), type.getKey(), count,
                    count / seconds(timeline.span())));
        }
        return md.toString();
    }

    private static double share(final long part, final double whole) {
        return whole == 0 ? 0 : part / whole;
    }

    private static String percent(final double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    /** Milliseconds with three decimals, or a dash for "no waits". */
    static String millis(final long nanos) {
        return nanos < 0 ? "–" : String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
    }

    static double seconds(final long nanos) {
        return nanos / 1e9;
    }
}
