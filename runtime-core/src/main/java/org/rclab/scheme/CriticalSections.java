package org.rclab.scheme;

import org.rclab.object.RcObject;

/**
 * How an operation locks the objects it works on (PEP 703's critical sections). Sections nest;
 * each is ended by closing it, innermost first.
 */
public interface CriticalSections {
    /**
     * Enters a section over one object.
     *
     * @param o the object to lock
     * @return the section; close it to end the section
     */
    CriticalSection enter(RcObject o);

    /**
     * Enters a section over two objects at once, in an order that cannot deadlock against
     * another thread taking the same two in the opposite order. The same object twice locks it
     * once.
     *
     * @param a one object
     * @param b the other object
     * @return the section; close it to end the section
     */
    CriticalSection enter(RcObject a, RcObject b);
}
