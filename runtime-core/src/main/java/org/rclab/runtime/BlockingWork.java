package org.rclab.runtime;

/**
 * Blocking work run with the runtime released: it must not touch runtime objects.
 *
 * @param <T> what the work returns
 * @param <X> the checked exception it may throw
 */
@FunctionalInterface
public interface BlockingWork<T, X extends Exception> {
    /**
     * Does the work.
     *
     * @return the result
     * @throws X if the work fails
     */
    T run() throws X;
}
