package org.rclab.finegrained.events;

import java.util.List;

/** The events of the object locks and critical sections, for the schemes that use them. */
public final class ObjectLockEvents {
    private ObjectLockEvents() {
    }

    /**
     * Every event class of this package.
     *
     * @return the classes
     */
    public static List<Class<? extends jdk.jfr.Event>> all() {
        return List.of(ObjectParkEvent.class, HandoffEvent.class, LostWakeupEvent.class,
                SectionsSuspendedEvent.class, SectionResumedEvent.class);
    }
}
