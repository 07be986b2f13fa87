package org.rclab.trace;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import javax.imageio.ImageIO;

/**
 * Draws a window of a timeline as a PNG: one lane per thread, coloured by state, the marker
 * events on top of each lane, a time axis in milliseconds from the window's start, and a legend.
 *
 * <p>Drawn with Java2D rather than XChart (which draws the wait histograms): XChart has no lane
 * or Gantt chart, and a lane of a few thousand state changes as XY series would be one series
 * per stretch. A stretch narrower than a pixel is drawn one pixel wide, so a short wait or a brief
 * hold stays visible; the summary's figures, not the picture, are the measure.
 */
public final class TimelineChart {
    private static final int WIDTH = 1400;
    private static final int LABEL_WIDTH = 130;
    private static final int RIGHT_MARGIN = 24;
    private static final int TITLE_HEIGHT = 52;
    private static final int LANE_HEIGHT = 28;
    private static final int LANE_GAP = 14;
    private static final int AXIS_HEIGHT = 40;
    private static final int LEGEND_ROW = 22;
    private static final int MARK_SIZE = 7;
    private static final Color ABSENT = new Color(0xeeeeee);
    private static final Map<State, Color> COLOURS = new EnumMap<>(Map.of(
            State.RUNNING, new Color(0x43a047),
            State.WAITING, new Color(0xe53935),
            State.RELEASED, new Color(0x90caf9),
            State.PARKED, new Color(0xfb8c00)));
    private static final Color[] MARK_COLOURS = {
        Color.BLACK, new Color(0x6a1b9a), new Color(0x1565c0), new Color(0x5d4037), new Color(0x00838f),
        new Color(0xad1457)};
    private static final int SHAPES = 4;

    private TimelineChart() {
    }

    /**
     * Where the window goes when none is asked for: the middle of the stretch in which every
     * lane was attached (or of the whole recording if they never all were), as long as asked.
     *
     * @param timeline the timeline
     * @param windowNanos the window's length
     * @return the window's start
     */
    public static long centredWindow(final Timeline timeline, final long windowNanos) {
        long allIn = timeline.start();
        long firstOut = timeline.end();
        for (final Timeline.Lane lane : timeline.lanes()) {
            if (!lane.segments().isEmpty()) {
                allIn = Math.max(allIn, lane.segments().get(0).start());
                firstOut = Math.min(firstOut, lane.segments().get(lane.segments().size() - 1).end());
            }
        }
        if (firstOut <= allIn) {
            allIn = timeline.start();
            firstOut = timeline.end();
        }
        return Math.max(timeline.start(), allIn + (firstOut - allIn) / 2 - windowNanos / 2);
    }

    /**
     * Draws the window into a PNG.
     *
     * @param timeline the timeline
     * @param title the chart's title
     * @param from the window's start (nanoseconds since the epoch)
     * @param to its end
     * @param file the PNG to write
     * @throws IOException if it cannot be written
     */
    public static void write(final Timeline timeline, final String title, final long from, final long to,
                             final Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        final List<Timeline.Lane> lanes = timeline.lanes().stream()
                .filter(l -> l.segments().stream().anyMatch(s -> s.end() > from && s.start() < to)).toList();
        final Map<String, String> markTypes = new TreeMap<>();
        final Map<String, Integer> markCounts = new TreeMap<>();
        for (final Timeline.Lane lane : lanes) {
            for (final Timeline.Mark m : lane.marks()) {
                markTypes.putIfAbsent(m.name(), m.label());
                if (m.time() >= from && m.time() < to) {
                    markCounts.merge(m.name(), 1, Integer::sum);
                }
            }
        }
        final List<String> markOrder = new ArrayList<>(markTypes.keySet());
        final int legendRows = 1 + (markOrder.size() + 2) / 3;
        final int height = TITLE_HEIGHT + Math.max(lanes.size(), 1) * (LANE_HEIGHT + LANE_GAP) + AXIS_HEIGHT
                + legendRows * LEGEND_ROW + 10;
        final BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        final Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            g.drawString(title, LABEL_WIDTH, 22);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            final Scale x = new Scale(from, to, LABEL_WIDTH, WIDTH - RIGHT_MARGIN);
            int y = TITLE_HEIGHT;
            for (final Timeline.Lane lane : lanes) {
                drawLane(g, lane, x, y, markOrder);
                y += LANE_HEIGHT + LANE_GAP;
            }
            drawAxis(g, x, y);
            drawLegend(g, y + AXIS_HEIGHT, markOrder, markTypes, markCounts);
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer available for " + file);
        }
    }

    private static void drawLane(final Graphics2D g, final Timeline.Lane lane, final Scale x, final int y,
                                 final List<String> markOrder) {
        g.setColor(Color.BLACK);
        g.drawString(lane.threadName(), 8, y + LANE_HEIGHT / 2 + 5);
        g.setColor(ABSENT);
        g.fillRect(x.left, y, x.right - x.left, LANE_HEIGHT);
        for (final Timeline.Segment s : lane.segments()) {
            if (s.end() <= x.from || s.start() >= x.to) {
                continue;
            }
            final int left = x.pixel(Math.max(s.start(), x.from));
            final int right = x.pixel(Math.min(s.end(), x.to));
            g.setColor(COLOURS.get(s.state()));
            g.fillRect(left, y, Math.max(right - left, 1), LANE_HEIGHT);
        }
        for (final Timeline.Mark m : lane.marks()) {
            if (m.time() >= x.from && m.time() < x.to) {
                drawMark(g, markOrder.indexOf(m.name()), x.pixel(m.time()), y - 1);
                g.drawLine(x.pixel(m.time()), y - 1, x.pixel(m.time()), y + LANE_HEIGHT / 3);
            }
        }
    }

    /** A marker's glyph: its colour and shape come from its type's index. */
    private static void drawMark(final Graphics2D g, final int index, final int cx, final int tipY) {
        g.setColor(MARK_COLOURS[index % MARK_COLOURS.length]);
        final int s = MARK_SIZE;
        switch (index % SHAPES) {
            case 0 -> g.fillPolygon(new Polygon(new int[] {cx - s, cx + s, cx}, new int[] {tipY - s - 4, tipY - s - 4,
                tipY}, 3));
            case 1 -> g.fillPolygon(new Polygon(new int[] {cx, cx + s, cx, cx - s}, new int[] {tipY - 2 * s, tipY - s,
                tipY, tipY - s}, 4));
            case 2 -> g.fillOval(cx - s + 1, tipY - 2 * s + 2, 2 * s - 2, 2 * s - 2);
            default -> g.fillRect(cx - s + 2, tipY - 2 * s + 3, 2 * s - 4, 2 * s - 4);
        }
    }

    private static void drawAxis(final Graphics2D g, final Scale x, final int y) {
        g.setColor(Color.BLACK);
        g.drawLine(x.left, y, x.right, y);
        final double windowMillis = (x.to - x.from) / 1e6;
        final double step = tickStep(windowMillis);
        for (double t = 0; t <= windowMillis + 1e-9; t += step) {
            final int px = x.pixel(x.from + (long) (t * 1e6));
            g.drawLine(px, y, px, y + 5);
            final String text = step >= 1 ? String.format(Locale.ROOT, "%.0f", t) : String.format(Locale.ROOT, "%.1f", t);
            g.drawString(text, px - g.getFontMetrics().stringWidth(text) / 2, y + 18);
        }
        g.drawString("ms from the window's start", x.left, y + 34);
    }

    /** A step of 1, 2 or 5 times a power of ten giving at most 15 ticks. */
    static double tickStep(final double windowMillis) {
        double power = Math.pow(10, Math.floor(Math.log10(windowMillis / 15)));
        for (;;) {
            for (final int m : new int[] {1, 2, 5}) {
                if (windowMillis / (m * power) <= 15) {
                    return m * power;
                }
            }
            power *= 10;
        }
    }

    private static void drawLegend(final Graphics2D g, final int top, final List<String> markOrder,
                                   final Map<String, String> labels, final Map<String, Integer> counts) {
        int px = LABEL_WIDTH;
        for (final State state : State.values()) {
            g.setColor(COLOURS.get(state));
            g.fillRect(px, top, 14, 14);
            g.setColor(Color.BLACK);
            g.drawString(state.legend(), px + 20, top + 12);
            px += 20 + g.getFontMetrics().stringWidth(state.legend()) + 24;
        }
        for (int i = 0; i < markOrder.size(); i++) {
            final int row = 1 + i / 3;
            final int column = i % 3;
            final int cx = LABEL_WIDTH + 7 + column * 400;
            final int rowTop = top + row * LEGEND_ROW;
            drawMark(g, i, cx, rowTop + 14);
            g.setColor(Color.BLACK);
            final String name = markOrder.get(i);
            g.drawString(labels.get(name) + " (" + counts.getOrDefault(name, 0) + " in this window)", cx + 14,
                    rowTop + 12);
        }
    }

    /** Time to pixels over the window. */
    private static final class Scale {
        final long from;
        final long to;
        final int left;
        final int right;

        Scale(final long from, final long to, final int left, final int right) {
            this.from = from;
            this.to = to;
            this.left = left;
            this.right = right;
        }

        int pixel(final long t) {
            return left + (int) Math.round((double) (t - from) / (to - from) * (right - left));
        }
    }
}
