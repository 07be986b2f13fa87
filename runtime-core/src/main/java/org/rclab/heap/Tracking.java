package org.rclab.heap;

/** How much the heap records about each live object, for leak reports. */
public enum Tracking {
    /** Counts only: the fast default. */
    OFF,
    /** Every live object is recorded, so a leak report can name what leaked. */
    OBJECTS,
    /** Every live object with the stack that allocated it, so a report says where it was made. */
    SITES
}
