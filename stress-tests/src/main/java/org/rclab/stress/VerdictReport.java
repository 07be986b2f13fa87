package org.rclab.stress;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the verdict table: Markdown for people ({@value #MARKDOWN}) and JSON for tools
 * ({@value #JSON}, an array of objects with exactly the fields {@code scheme}, {@code scenario},
 * {@code samples}, {@code forbidden}, {@code interesting}, {@code verdict}; DESIGN section 4).
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
        out.append("| scheme | scenario | samples | forbidden | interesting | verdict | note |\n");
        out.append("|---|---|---:|---:|---:|---|---|\n");
        for (final VerdictRow row : rows) {
            out.append("| ").append(row.scheme())
                    .append(" | ").append(row.scenario())
                    .append(" | ").append(row.samples())
                    .append(" | ").append(row.forbidden())
                    .append(" | ").append(row.interesting())
                    .append(" | ").append(row.demonstration() ? row.verdict().word() + " (demonstration)" : row.verdict().word())
                    .append(" | ").append(row.note().replace("|", "\\|"))
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
                    .append('}').append(i + 1 < rows.size() ? ",\n" : "\n");
        }
        return out.append("]\n").toString();
    }

    /**
     * Writes both files into a directory, creating it if needed.
     *
     * @param directory where to write, e.g. {@code results/stress}
     * @param heading a line saying how the table was made (mode, date), put above the Markdown
     * @param rows the rows
     * @throws IOException if a file cannot be written
     */
    public static void write(final Path directory, final String heading, final List<VerdictRow> rows)
            throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve(MARKDOWN), heading + "\n\n" + markdown(rows), StandardCharsets.UTF_8);
        Files.writeString(directory.resolve(JSON), json(rows), StandardCharsets.UTF_8);
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
