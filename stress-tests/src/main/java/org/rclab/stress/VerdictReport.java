package org.rclab.stress;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes the verdict table: Markdown for people ({@value #MARKDOWN}: what the run was measured
 * on, the scenarios with a line each, then the table) and JSON for tools ({@value #JSON}, an
 * array of objects with exactly the fields {@code scheme}, {@code scenario}, {@code samples},
 * {@code forbidden}, {@code interesting}, {@code verdict}, {@code exercised} (metric name to
 * count) and {@code demonstration}; DESIGN section 4).
 */
public final class VerdictReport {
    /** The Markdown file's name: {@value}. */
    public static final String MARKDOWN = "verdicts.md";
    /** The JSON file's name: {@value}. */
    public static final String JSON = "verdicts.json";

    private VerdictReport() {
    }

    /**
     * The Markdown table, one row per scheme and scenario.
     *
     * @param rows the rows
     * @return the table, ending with a newline
     */
    public static String markdown(final List<VerdictRow> rows) {
        final StringBuilder out = new StringBuilder();
        out.append("| scheme | scenario | samples | forbidden | interesting | verdict | exercised | note |\n");
        out.append("|---|---|---:|---:|---:|---|---|---|\n");
        for (final VerdictRow row : rows) {
            out.append("| ").append(row.scheme())
                    .append(" | ").append(row.scenario())
                    .append(" | ").append(row.samples())
                    .append(" | ").append(row.forbidden())
                    .append(" | ").append(row.interesting())
                    .append(" | ").append(row.demonstration() ? row.verdict().word() + " (demonstration)" : row.verdict().word())
                    .append(" | ").append(exercised(row.exercised()))
                    .append(" | ").append(cell(row.note()))
                    .append(" |\n");
        }
        return out.toString();
    }

    /**
     * The scenarios, one line each: what races, the paths targeted, whether the control must fail.
     *
     * @param suite the scenarios run
     * @return a Markdown table, ending with a newline
     */
    public static String scenarios(final List<Suite.Entry> suite) {
        final StringBuilder out = new StringBuilder();
        out.append("| scenario | what races | paths targeted | control must fail |\n");
        out.append("|---|---|---|---|\n");
        for (final Suite.Entry entry : suite) {
            out.append("| ").append(entry.scenario())
                    .append(" | ").append(cell(entry.description()))
                    .append(" | ").append(entry.paths().isEmpty() ? "none" : String.join(", ", entry.paths()))
                    .append(" | ").append(entry.demonstration() ? "demonstration" : entry.controlFails() ? "yes" : "no")
                    .append(" |\n");
        }
        return out.toString();
    }

    /**
     * The JSON array.
     *
     * @param rows the rows
     * @return the JSON text, ending with a newline
     */
    public static String json(final List<VerdictRow> rows) {
        final StringBuilder out = new StringBuilder("[\n");
        for (int i = 0; i < rows.size(); i++) {
            final VerdictRow row = rows.get(i);
            out.append("  {\"scheme\": ").append(quote(row.scheme()))
                    .append(", \"scenario\": ").append(quote(row.scenario()))
                    .append(", \"samples\": ").append(row.samples())
                    .append(", \"forbidden\": ").append(row.forbidden())
                    .append(", \"interesting\": ").append(row.interesting())
                    .append(", \"verdict\": ").append(quote(row.verdict().word()))
                    .append(", \"exercised\": {");
            String separator = "";
            for (final Map.Entry<String, Long> metric : row.exercised().entrySet()) {
                out.append(separator).append(quote(metric.getKey())).append(": ").append(metric.getValue());
                separator = ", ";
            }
            out.append("}, \"demonstration\": ").append(row.demonstration())
                    .append('}').append(i + 1 < rows.size() ? ",\n" : "\n");
        }
        return out.append("]\n").toString();
    }

    /**
     * Writes both files into a directory, creating it if needed.
     *
     * @param directory where to write, e.g. {@code results/stress}
     * @param heading a line saying how the table was made (mode, date), put above the Markdown
     * @param info what the run was measured on
     * @param suite the scenarios run
     * @param rows the rows
     * @throws IOException if a file cannot be written
     */
    public static void write(final Path directory, final String heading, final RunInfo info,
                             final List<Suite.Entry> suite, final List<VerdictRow> rows) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve(MARKDOWN), heading + "\n\n" + info.markdown() + "\n" + scenarios(suite)
                + "\n" + markdown(rows), StandardCharsets.UTF_8);
        Files.writeString(directory.resolve(JSON), json(rows), StandardCharsets.UTF_8);
    }

    private static String exercised(final Map<String, Long> exercised) {
        if (exercised.isEmpty()) {
            return "";
        }
        final StringBuilder out = new StringBuilder();
        for (final Map.Entry<String, Long> metric : exercised.entrySet()) {
            out.append(out.length() == 0 ? "" : ", ").append(metric.getKey()).append(' ').append(metric.getValue());
        }
        return out.toString();
    }

    private static String cell(final String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    private static String quote(final String text) {
        final StringBuilder out = new StringBuilder("\"");
        for (final char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
