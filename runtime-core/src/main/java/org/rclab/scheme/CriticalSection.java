package org.rclab.scheme;

/** An entered critical section; use it in try-with-resources. */
public interface CriticalSection extends AutoCloseable {
    /** A section for schemes in which sections are no-ops; closing it does nothing. */
    CriticalSection NONE = () -> { };

    /**
     * Ends the section, on the thread that entered it. Ending a section that is not the
     * innermost, or twice, is an error the scheme may report with an
     * {@link IllegalStateException}.
     */
    @Override
    void close();
}
