package org.rclab.scheme;

import org.rclab.object.RcObject;

/**
 * How an operation locks the objects it works on (PEP 703's critical sections). The rules:
 * <ul>
 *   <li><b>Exclusion.</b> Two threads are never inside sections over a common object at the same
 *       time, except while one of them is released ({@link ThreadGate#release}); what a thread
 *       wrote inside a section is visible to the next thread entering one over that object. A
 *       scheme that excludes threads another way (a GIL) may return
 *       {@link CriticalSection#NONE}.</li>
 *   <li><b>Re-entrancy.</b> A thread entering a section over an object that one of its open
 *       sections already holds must not wait for itself: the inner section borrows the lock.</li>
 *   <li><b>Nesting.</b> Sections nest and end innermost first. Threads that nest sections over
 *       different objects in one order must not deadlock. The object model itself never enters a
 *       section over one object while holding another, except through
 *       {@link #enter(RcObject, RcObject)}; single-object sections nested in opposite orders by
 *       two threads terminate only under schemes that suspend sections when a thread waits (as
 *       {@code fine-grained} and {@code brc} do).</li>
 *   <li><b>Blocking.</b> A thread that releases the runtime lets go of its sections (see
 *       {@link ThreadGate#release}); none may be open when it detaches.</li>
 * </ul>
 * Objects passed are live objects of the scheme's runtime; the lock order of a two-object
 * section may use {@link RcObject#id()}.
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
