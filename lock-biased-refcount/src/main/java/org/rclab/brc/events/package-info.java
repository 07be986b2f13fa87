/**
 * The {@code brc} scheme's JDK Flight Recorder events: an object queued to its owner, and the
 * three kinds of merge. The owner's plain counting and a non-owner's atomic add emit nothing.
 * Each event names its object by id, asked only when a recording wants the event (naming an
 * object costs an atomic increment the first time).
 */
package org.rclab.brc.events;
