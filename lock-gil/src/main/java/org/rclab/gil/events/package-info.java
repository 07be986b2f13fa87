/**
 * The {@code gil} scheme's JDK Flight Recorder events, all on the lock's slow paths (taking,
 * dropping, asking the holder to drop); a checkpoint with no request pending emits nothing.
 * {@code ./rclab trace} draws them (see {@code org.rclab.runtime.events}).
 */
package org.rclab.gil.events;
