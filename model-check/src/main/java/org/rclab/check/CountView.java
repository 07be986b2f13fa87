package org.rclab.check;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The reads and writes of the count in a counterexample, thread by thread: Lincheck's detailed
 * trace filtered to the rows that read ({@code ➜}) or write ({@code =}) an object header's
 * {@code local} or {@code shared} count, the thread switches, the threads' starts and what threw.
 * Nothing is reordered or invented: each kept row is one of Lincheck's, without its source
 * location. Lincheck's own short table folds the calls in which no switch happened, so the thread
 * that ran its increment in one piece shows a call there and its read and write here.
 */
public final class CountView {
    private static final String DETAILED = "Detailed trace:";
    private static final Pattern KEPT = Pattern.compile(
            "^(o\\.(local|shared)\\b.*|switch.*|run\\(\\)|.*: threw .*)$");
    private static final Pattern LOCATION = Pattern.compile(" at [\\w$.<>]+\\([\\w.]+:\\d+\\)$");

    private CountView() {
    }

    /**
     * The count view of a Lincheck report.
     *
     * @param counterexample Lincheck's full report
     * @return the filtered table, or {@code null} if the report has no detailed trace or the
     *         trace touches no count
     */
    public static String of(final String counterexample) {
        final int start = counterexample.indexOf(DETAILED);
        if (start < 0) {
            return null;
        }
        List<String> header = null;
        final List<List<String>> rows = new ArrayList<>();
        boolean touchesCount = false;
        for (final String line : counterexample.substring(start + DETAILED.length()).split("\n")) {
            if (!line.startsWith("|") || line.startsWith("| -")) {
                continue;
            }
            final List<String> cells = cells(line);
            if (header == null) {
                header = cells;
                continue;
            }
            boolean keep = false;
            for (int i = 0; i < cells.size(); i++) {
                final String cell = LOCATION.matcher(cells.get(i)).replaceFirst("");
                cells.set(i, cell);
                if (!cell.isEmpty() && KEPT.matcher(cell).matches()) {
                    keep = true;
                    touchesCount |= cell.startsWith("o.local") || cell.startsWith("o.shared");
                }
            }
            if (keep) {
                rows.add(cells);
            }
        }
        if (header == null || !touchesCount) {
            return null;
        }
        return render(header, rows);
    }

    private static List<String> cells(final String line) {
        final String[] parts = line.split("\\|", -1);
        final List<String> cells = new ArrayList<>();
        for (int i = 1; i < parts.length - 1; i++) {
            cells.add(parts[i].strip());
        }
        return cells;
    }

    private static String render(final List<String> header, final List<List<String>> rows) {
        final int[] width = new int[header.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = header.get(i).length();
            for (final List<String> row : rows) {
                width[i] = Math.max(width[i], i < row.size() ? row.get(i).length() : 0);
            }
        }
        final StringBuilder out = new StringBuilder();
        line(out, header, width);
        final StringBuilder rule = new StringBuilder("|");
        for (final int w : width) {
            rule.append('-').append("-".repeat(w)).append("-|");
        }
        out.append(rule).append('\n');
        for (final List<String> row : rows) {
            line(out, row, width);
        }
        return out.toString().stripTrailing();
    }

    private static void line(final StringBuilder out, final List<String> cells, final int[] width) {
        out.append('|');
        for (int i = 0; i < width.length; i++) {
            final String cell = i < cells.size() ? cells.get(i) : "";
            out.append(' ').append(cell).append(" ".repeat(width[i] - cell.length())).append(" |");
        }
        out.append('\n');
    }
}
