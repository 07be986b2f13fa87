package org.rclab.bench.report;

import java.awt.BasicStroke;
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

import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws the report's PNG charts with XChart, every value with its 95% interval: each benchmark's
 * time per operation per scheme ({@code scores.png}); for each benchmark compared against a
 * baseline parameter value (the countdown's shapes, the convoy's neighbours) the time of each value
 * per scheme; and for each family of target figures (one ratio, several schemes) the ratio with
 * its interval as a vertical bar, coloured by verdict, and the bound as a line ({@code targets.png}).
 *
 * <p>XChart's error bars are symmetric and the intervals are not (they are symmetric in the
 * logarithm): bar charts draw the larger of the two sides, which overstates the shorter one; the
 * target charts draw each interval exactly.
 */
public final class Charts {
    private static final int CELL_WIDTH = 460;
    private static final int CELL_HEIGHT = 300;
    private static final int COLUMNS = 3;
    private static final Color PASS = new Color(0x2e7d32);
    private static final Color MISS = new Color(0xc62828);
    private static final Color INCONCLUSIVE = new Color(0xef6c00);
    private static final Color REFERENCE = new Color(0x546e7a);
    private static final Color BOUND = new Color(0x6a1b9a);
    /** A target family whose intervals and bounds span more than this factor gets a logarithmic axis. */
    private static final double LOG_SPAN = 10;

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
        final List<Chart<?, ?>> scores = new ArrayList<>();
        for (final Variant v : report.floors()) {
            scoreChart(report, v, List.of("")).ifPresent(scores::add);
        }
        for (final Variant v : report.variants()) {
            if (!BenchReport.isRelative(v)) {
                scoreChart(report, v, report.schemes()).ifPresent(scores::add);
            }
        }
        if (!scores.isEmpty()) {
            save(scores, dir.resolve("scores.png"));
            written.add(new MarkdownReport.Chart("scores.png",
                    "Time per operation per scheme, one chart per benchmark (geometric mean over the rounds; "
                            + "error bars: the 95% interval's larger side)"));
        }
        final Map<String, List<Chart<?, ?>>> relative = new LinkedHashMap<>();
        for (final BenchReport.Relative table : report.relativeTables()) {
            relativeChart(table).ifPresent(chart -> relative.computeIfAbsent(
                    table.group().method() + "-" + table.parameter() + ".png", k -> new ArrayList<>()).add(chart));
        }
        for (final Map.Entry<String, List<Chart<?, ?>>> file : relative.entrySet()) {
            save(file.getValue(), dir.resolve(file.getKey()));
            written.add(new MarkdownReport.Chart(file.getKey(), "Time per operation by "
                    + file.getKey().replace(".png", "").replace('-', ' ') + ", per scheme (lower is better; error bars: "
                    + "the 95% interval's larger side)"));
        }
        final List<Chart<?, ?>> targets = targetCharts(report);
        if (!targets.isEmpty()) {
            save(targets, dir.resolve("targets.png"));
            written.add(new MarkdownReport.Chart("targets.png", "Target figures, one chart per ratio: the ratio "
                    + "(dot) and its " + Reports.percent(report.targetConfidence())
                    + " interval (bar), green pass, red miss, orange inconclusive, grey reference; "
                    + "the bound as a purple line"));
        }
        return written;
    }

    private static Optional<Chart<?, ?>> scoreChart(final BenchReport report, final Variant v,
                                                   final List<String> schemes) {
        final List<String> names = new ArrayList<>();
        final List<Double> values = new ArrayList<>();
        final List<Double> errors = new ArrayList<>();
        for (final String scheme : schemes) {
            final Estimate e = report.score(v, scheme);
            if (e.rounds() > 0) {
                names.add(scheme.isEmpty() ? v.params().getOrDefault("kind", v.method()) : scheme);
                values.add(e.value());
                errors.add(halfWidth(e));
            }
        }
        if (names.isEmpty()) {
            return Optional.empty();
        }
        final CategoryChart chart = categoryChart(v.label(), v.unit());
        chart.getStyler().setLegendVisible(false);
        chart.addSeries("score", names, values, errors);
        return Optional.of(chart);
    }

    private static Optional<Chart<?, ?>> relativeChart(final BenchReport.Relative table) {
        // A grouped bar chart needs every series over the same schemes: keep complete rows only.
        final List<String> schemes = table.schemes().stream()
                .filter(s -> table.values().stream().allMatch(value -> table.score(s, value).rounds() > 0)).toList();
        if (schemes.isEmpty()) {
            return Optional.empty();
        }
        final CategoryChart chart = categoryChart(table.group().label() + ", by " + table.parameter(),
                table.group().unit());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        for (final String value : table.values()) {
            final List<Double> scores = new ArrayList<>();
            final List<Double> errors = new ArrayList<>();
            for (final String scheme : schemes) {
                final Estimate e = table.score(scheme, value);
                scores.add(e.value());
                errors.add(halfWidth(e));
            }
            chart.addSeries(value, schemes, scores, errors);
        }
        return Optional.of(chart);
    }

    /** The larger side of the interval, or 0 without one (XChart draws symmetric bars). */
    private static double halfWidth(final Estimate e) {
        return e.hasInterval() ? Math.max(e.high() - e.value(), e.value() - e.low()) : 0;
    }

    /** One chart per distinct ratio among the judged targets, the schemes along the x axis. */
    private static List<Chart<?, ?>> targetCharts(final BenchReport report) {
        final Map<String, List<TargetCheck>> families = new LinkedHashMap<>();
        for (final TargetCheck c : report.targetChecks()) {
            if (report.covers(c.target()) && c.estimate().rounds() > 0) {
                families.computeIfAbsent(c.target().ratioText(), k -> new ArrayList<>()).add(c);
            }
        }
        final List<Chart<?, ?>> charts = new ArrayList<>();
        families.forEach((ratio, checks) -> charts.add(targetChart(ratio, checks)));
        return charts;
    }

    private static XYChart targetChart(final String ratio, final List<TargetCheck> checks) {
        final XYChart chart = new XYChartBuilder().width(CELL_WIDTH).height(CELL_HEIGHT).title(ratio)
                .yAxisTitle("ratio of times").build();
        chart.getStyler().setChartTitleFont(chart.getStyler().getChartTitleFont().deriveFont(10f));
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisMin(0.5);
        chart.getStyler().setXAxisMax(checks.size() + 0.5);
        // Scheme names are drawn as annotations under each interval: XChart's tick-label function
        // is not applied once a custom decimal pattern or range is set, so the x axis carries none.
        chart.getStyler().setXAxisTicksVisible(false);
        double lowest = Double.MAX_VALUE;
        double highest = 0;
        for (int i = 0; i < checks.size(); i++) {
            final TargetCheck c = checks.get(i);
            final Estimate e = c.estimate();
            final double x = i + 1;
            final Color colour = colour(c.verdict());
            final double lo = e.hasInterval() ? e.low() : e.value();
            final double hi = e.hasInterval() ? e.high() : e.value();
            lowest = Math.min(lowest, lo);
            highest = Math.max(highest, hi);
            final XYSeries interval = chart.addSeries("interval " + i, new double[] {x, x}, new double[] {lo, hi});
            interval.setMarker(SeriesMarkers.NONE);
            interval.setLineColor(colour);
            interval.setLineStyle(new BasicStroke(6f));
            final XYSeries point = chart.addSeries("ratio " + i, new double[] {x}, new double[] {e.value()});
            point.setMarker(SeriesMarkers.DIAMOND);
            point.setMarkerColor(Color.BLACK);
            point.setLineColor(Color.BLACK);
            for (final double bound : c.target().bounds()) {
                lowest = Math.min(lowest, bound);
                highest = Math.max(highest, bound);
                final XYSeries line = chart.addSeries("bound " + i + " " + bound, new double[] {x - 0.35, x + 0.35},
                        new double[] {bound, bound});
                line.setMarker(SeriesMarkers.NONE);
                line.setLineColor(BOUND);
                line.setLineStyle(new BasicStroke(2f));
            }
        }
        final double bottom;
        final double labels;
        if (lowest > 0 && highest / lowest > LOG_SPAN) {
            // A family spanning more than ten-fold (buffered's 45× beside brc's 1.3× and its bound
            // of 1.25) would squeeze, on a linear axis, the intervals that carry verdicts into a
            // line at the bottom; on a logarithmic one each interval keeps its relative width.
            chart.getStyler().setYAxisLogarithmic(true);
            bottom = lowest / 1.5;
            labels = bottom * Math.pow(lowest / bottom, 1.0 / 3);
            chart.getStyler().setYAxisMax(highest * 1.5);
        } else {
            final double pad = Math.max((highest - lowest) * 0.15, 0.05);
            bottom = Math.max(0, lowest - pad);
            labels = bottom + (lowest - bottom) / 3;
            chart.getStyler().setYAxisMax(highest + pad);
        }
        chart.getStyler().setYAxisMin(bottom);
        for (int i = 0; i < checks.size(); i++) {
            chart.addAnnotation(new AnnotationText(checks.get(i).target().scheme(), i + 1, labels, false));
        }
        return chart;
    }

    private static Color colour(final TargetCheck.Verdict verdict) {
        return switch (verdict) {
            case PASS -> PASS;
            case MISS -> MISS;
            case INCONCLUSIVE -> INCONCLUSIVE;
            default -> REFERENCE;
        };
    }

    private static CategoryChart categoryChart(final String title, final String yTitle) {
        final CategoryChart chart = new CategoryChartBuilder().width(CELL_WIDTH).height(CELL_HEIGHT)
                .title(title).yAxisTitle(yTitle).build();
        chart.getStyler().setChartTitleFont(chart.getStyler().getChartTitleFont().deriveFont(12f));
        chart.getStyler().setDecimalPattern("#,##0.##");
        // An error bar's lower side may reach below zero (it is the interval's larger side): times are not negative.
        chart.getStyler().setYAxisMin(0.0);
        return chart;
    }

    /** Draws the charts side by side, {@value #COLUMNS} to a row, into one PNG. */
    private static void save(final List<Chart<?, ?>> charts, final Path file) throws IOException {
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
