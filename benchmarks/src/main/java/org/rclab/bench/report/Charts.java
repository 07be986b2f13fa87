package org.rclab.bench.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.imageio.ImageIO;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Draws the report's PNG charts with XChart: the throughput of every scheme in every benchmark
 * (one small chart per benchmark variant, on one image), and for each benchmark compared against
 * a baseline parameter value (the countdown's shapes, the convoy's neighbours) the time of each
 * value per scheme.
 */
public final class Charts {
    private static final int CELL_WIDTH = 460;
    private static final int CELL_HEIGHT = 300;
    private static final int COLUMNS = 3;

    private Charts() {
    }

    /**
     * Writes the charts into a directory.
     *
     * @param report the run's content
     * @param dir where to write (must exist)
     * @return the charts written, for the report to link
     * @throws IOException if a file cannot be written
     */
    public static List<MarkdownReport.Chart> write(final BenchReport report, final Path dir) throws IOException {
        // Charts are drawn off-screen; without this AWT may look for a display and fail.
        System.setProperty("java.awt.headless", "true");
        final List<MarkdownReport.Chart> written = new ArrayList<>();
        final List<CategoryChart> throughput = new ArrayList<>();
        for (final Variant v : report.variants()) {
            if (!BenchReport.isRelative(v)) {
                throughputChart(report, v).ifPresent(throughput::add);
            }
        }
        if (!throughput.isEmpty()) {
            save(throughput, dir.resolve("throughput.png"));
            written.add(new MarkdownReport.Chart("throughput.png",
                    "Throughput per scheme, one chart per benchmark (million operations per second, all threads)"));
        }
        final Map<String, List<CategoryChart>> relative = new LinkedHashMap<>();
        for (final BenchReport.Relative table : report.relativeTables()) {
            relativeChart(table).ifPresent(chart -> relative.computeIfAbsent(
                    table.group().method() + "-" + table.parameter() + ".png", k -> new ArrayList<>()).add(chart));
        }
        for (final Map.Entry<String, List<CategoryChart>> file : relative.entrySet()) {
            save(file.getValue(), dir.resolve(file.getKey()));
            written.add(new MarkdownReport.Chart(file.getKey(), "Time per operation by "
                    + file.getKey().replace(".png", "").replace('-', ' ') + ", per scheme (lower is better)"));
        }
        return written;
    }

    private static Optional<CategoryChart> throughputChart(final BenchReport report, final Variant v) {
        final List<String> schemes = new ArrayList<>();
        final List<Double> values = new ArrayList<>();
        for (final String scheme : report.schemes()) {
            report.get(v, scheme).ifPresent(m -> {
                schemes.add(scheme);
                values.add(m.totalOpsPerSecond() / 1e6);
            });
        }
        if (schemes.isEmpty()) {
            return Optional.empty();
        }
        final CategoryChart chart = chart(v.label(), "Mops/s");
        chart.getStyler().setLegendVisible(false);
        chart.addSeries("throughput", schemes, values);
        return Optional.of(chart);
    }

    private static Optional<CategoryChart> relativeChart(final BenchReport.Relative table) {
        // A grouped bar chart needs every series over the same schemes: keep complete rows only.
        final List<String> schemes = new ArrayList<>();
        table.byScheme().forEach((scheme, row) -> {
            if (row.keySet().containsAll(table.values())) {
                schemes.add(scheme);
            }
        });
        if (schemes.isEmpty()) {
            return Optional.empty();
        }
        final CategoryChart chart = chart(table.group().label() + ", by " + table.parameter(), table.group().unit());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        for (final String value : table.values()) {
            final List<Double> scores = new ArrayList<>();
            for (final String scheme : schemes) {
                scores.add(table.byScheme().get(scheme).get(value).score());
            }
            chart.addSeries(value, schemes, scores);
        }
        return Optional.of(chart);
    }

    private static CategoryChart chart(final String title, final String yTitle) {
        final CategoryChart chart = new CategoryChartBuilder().width(CELL_WIDTH).height(CELL_HEIGHT)
                .title(title).yAxisTitle(yTitle).build();
        chart.getStyler().setChartTitleFont(chart.getStyler().getChartTitleFont().deriveFont(12f));
        chart.getStyler().setDecimalPattern("#,##0.##");
        return chart;
    }

    /** Draws the charts side by side, {@value #COLUMNS} to a row, into one PNG. */
    private static void save(final List<CategoryChart> charts, final Path file) throws IOException {
        final int columns = Math.min(COLUMNS, charts.size());
        final int rows = (charts.size() + columns - 1) / columns;
        final BufferedImage image = new BufferedImage(columns * CELL_WIDTH, rows * CELL_HEIGHT, BufferedImage.TYPE_INT_RGB);
        final Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            for (int i = 0; i < charts.size(); i++) {
                g.drawImage(BitmapEncoder.getBufferedImage(charts.get(i)), (i % columns) * CELL_WIDTH,
                        (i / columns) * CELL_HEIGHT, null);
            }
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer available for " + file);
        }
    }
}
