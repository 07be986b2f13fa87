package org.rclab.trace;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * Draws one thread's waits as a histogram PNG with XChart (as the benchmarks draw their charts).
 * Bins double in width from 1 µs (waits range from a free lock's microsecond to several switch
 * intervals), each labelled by its upper bound.
 */
public final class WaitHistogram {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 420;
    private static final long FIRST_BOUND_NANOS = 1_000;

    private WaitHistogram() {
    }

    /**
     * The bins' upper bounds, doubling from 1 µs until the longest wait fits.
     *
     * @param longest the longest wait in nanoseconds
     * @return the bounds in nanoseconds
     */
    static List<Long> bounds(final long longest) {
        final List<Long> bounds = new ArrayList<>();
        long bound = FIRST_BOUND_NANOS;
        bounds.add(bound);
        while (bound < longest) {
            bound *= 2;
            bounds.add(bound);
        }
        return bounds;
    }

    /**
     * How many waits fall in each bin: a wait goes into the first bin whose bound is at least it.
     *
     * @param waits the waits in nanoseconds
     * @param bounds the bins' upper bounds
     * @return the count per bin
     */
    static List<Integer> counts(final List<Long> waits, final List<Long> bounds) {
        final int[] counts = new int[bounds.size()];
        for (final long w : waits) {
            int i = 0;
            while (i < bounds.size() - 1 && w > bounds.get(i)) {
                i++;
            }
            counts[i]++;
        }
        final List<Integer> list = new ArrayList<>();
        for (final int c : counts) {
            list.add(c);
        }
        return list;
    }

    /**
     * Writes the histogram.
     *
     * @param title the chart's title
     * @param waits the thread's waits in nanoseconds (at least one)
     * @param file the PNG to write
     * @throws IOException if it cannot be written
     */
    public static void write(final String title, final List<Long> waits, final Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        final List<Long> bounds = bounds(waits.stream().mapToLong(Long::longValue).max().orElse(0));
        final List<String> labels = bounds.stream().map(WaitHistogram::label).toList();
        final CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("wait, up to").yAxisTitle("waits").build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setChartTitleFont(chart.getStyler().getChartTitleFont().deriveFont(13f));
        chart.getStyler().setXAxisLabelRotation(45);
        chart.getStyler().setDecimalPattern("#,##0");
        chart.addSeries("waits", labels, counts(waits, bounds));
        if (!ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", file.toFile())) {
            throw new IOException("no PNG writer available for " + file);
        }
    }

    /** A bound as text: microseconds below a millisecond, else milliseconds. */
    static String label(final long nanos) {
        return nanos < 1_000_000 ? String.format(Locale.ROOT, "%d µs", nanos / 1_000)
                : String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }
}
