/**
 * The {@code gil-ticks} scheme's JDK Flight Recorder events: takes that waited or changed hands,
 * and failed wake-ups. The holder's release and retake at the end of every check interval emits
 * nothing when nobody takes the lock in between (tens of thousands a second): the failed wake-ups
 * are what shows those races on the timeline.
 */
package org.rclab.gilticks.events;
