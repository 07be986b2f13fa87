/**
 * JDK Flight Recorder events of the per-object locks and critical sections, all on their slow
 * paths (parking, hand-off, suspension, resumption); an uncontended lock and unlock emit nothing.
 * {@code brc} uses the same locks and lists the same events ({@link ObjectLockEvents#all()}).
 */
package org.rclab.finegrained.events;
