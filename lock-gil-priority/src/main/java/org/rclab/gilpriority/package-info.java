/**
 * The {@code gil-priority} scheme: a GIL that serves threads coming back from blocking work at the
 * holder's next checkpoint, with the new GIL's interval among CPU-bound threads and a starvation
 * bound. {@link org.rclab.gilpriority.GilPriorityScheme} states the rule, the bound and the
 * sources; the lock, its per-thread state and its metrics are small classes beside it. Written
 * against {@code runtime-core}'s SPI only.
 */
package org.rclab.gilpriority;
