package org.rclab.bench.report;

import java.util.Locale;

/** Number formatting shared by the report's tables. */
final class Reports {
    private Reports() {
    }

    /**
     * A number with three significant digits (at least two decimals below 10), or {@code —}.
     *
     * @param value the number
     * @return its text
     */
    static String number(final double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "—";
        }
        final double magnitude = Math.abs(value);
        if (magnitude >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        if (magnitude >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /**
     * A ratio, {@code 1.05×}, or {@code —}.
     *
     * @param value the ratio
     * @return its text
     */
    static String ratio(final double value) {
        return Double.isNaN(value) ? "—" : number(value) + "×";
    }

    /**
     * An estimate with its interval, {@code 1.16 [1.10, 1.22]}; without an interval the value
     * alone; {@code —} for none.
     *
     * @param e the estimate
     * @return its text
     */
    static String estimate(final Estimate e) {
        if (e.rounds() == 0) {
            return "—";
        }
        return number(e.value()) + (e.hasInterval() ? " [" + number(e.low()) + ", " + number(e.high()) + "]" : "");
    }

    /**
     * An estimate beside the bounds it is judged against: as {@link #estimate(Estimate)}, but an
     * interval end that would print as a bound's text without being the bound gets more digits
     * ({@code [1.004, 1.23]} against 1.00), so that the row shows which side of the bound it lies on.
     *
     * @param e the estimate
     * @param bounds the target's bounds
     * @return its text
     */
    static String estimate(final Estimate e, final double[] bounds) {
        if (e.rounds() == 0 || !e.hasInterval()) {
            return estimate(e);
        }
        return number(e.value()) + " [" + apart(e.low(), bounds) + ", " + apart(e.high(), bounds) + "]";
    }

    /** A number with as many more decimals (up to four more) as it takes to print it unlike every bound it is not. */
    private static String apart(final double value, final double[] bounds) {
        final String text = number(value);
        for (final double bound : bounds) {
            if (value != bound && text.equals(number(bound))) {
                final int decimals = text.contains(".") ? text.length() - text.indexOf('.') - 1 : 0;
                for (int more = decimals + 1; more <= decimals + 4; more++) {
                    final String finer = String.format(Locale.ROOT, "%." + more + "f", value);
                    if (!finer.equals(String.format(Locale.ROOT, "%." + more + "f", bound))) {
                        return finer;
                    }
                }
            }
        }
        return text;
    }

    /**
     * A confidence level as a percentage, {@code 95%}, {@code 97.5%}.
     *
     * @param confidence the level, below 1
     * @return its text
     */
    static String percent(final double confidence) {
        return new java.math.BigDecimal(Double.toString(confidence * 100)).setScale(3, java.math.RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString() + "%";
    }
}
