/**
 * The {@code gil} scheme: CPython's global interpreter lock (the 3.2+ "new GIL"), one per
 * runtime. {@link org.rclab.gil.GilScheme} tells the algorithm and its weaknesses;
 * {@link org.rclab.gil.GilInstance} is a runtime's instance (thread gate, misuse checks,
 * {@code sys.setswitchinterval}); the lock itself, its per-thread state, its metrics and the
 * switch interval are small classes beside them.
 */
package org.rclab.gil;
