/**
 * The {@code gil-priority} scheme's JDK Flight Recorder events, all on the lock's slow paths:
 * takes (with how the lock was granted), drop requests and forced switches.
 */
package org.rclab.gilpriority.events;
