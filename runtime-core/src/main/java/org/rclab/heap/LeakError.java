package org.rclab.heap;

/** Thrown by {@link Heap#assertNoLeaks()} when mortal objects are still live. */
public final class LeakError extends AssertionError {
    private static final long serialVersionUID = 1L;

    private final transient LeakReport report;

    /**
     * Makes the error.
     *
     * @param report what is still live
     */
    public LeakError(final LeakReport report) {
        super(report.render());
        this.report = report;
    }

    /**
     * What is still live.
     *
     * @return the report
     */
    public LeakReport report() {
        return report;
    }
}
