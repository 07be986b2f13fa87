/**
 * The {@code gil-ticks} scheme: CPython's GIL before 3.2 (release and retake every check
 * interval of ticks), one per runtime. {@link org.rclab.gilticks.GilTicksScheme} tells the
 * algorithm, why it thrashes on several cores and what 3.2 changed; the lock, the runtime's
 * instance, the option and the metrics are small package-private classes beside it. The package
 * uses only {@code runtime-core}'s public API.
 */
package org.rclab.gilticks;
