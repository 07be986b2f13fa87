package org.rclab.heap;

import java.util.List;
import java.util.Map;

import org.rclab.object.RcType;

/**
 * What a heap holds live at one moment: counts per type and, when the heap tracks objects, each
 * live object with the place that allocated it (when tracking {@link Tracking#SITES}).
 *
 * @param live number of live mortal objects
 * @param livePerType live mortal objects per type (types with none are omitted)
 * @param objects the live objects, oldest first; empty unless the heap tracks objects
 * @param tracking what the heap was recording
 */
public record LeakReport(long live, Map<RcType, Long> livePerType, List<LeakedObject> objects,
                         Tracking tracking) {
    /** Frames of an allocation site shown per object in {@link #render()}. */
    public static final int FRAMES_SHOWN = 6;

    /**
     * One live object.
     *
     * @param description type and identity, e.g. {@code list object #17}
     * @param repr the object's rendering
     * @param site the allocating stack, innermost first; empty unless tracking sites
     */
    public record LeakedObject(String description, String repr, List<StackTraceElement> site) {
    }

    /**
     * The report as text for an assertion message or a console.
     *
     * @return a readable multi-line report
     */
    public String render() {
        final StringBuilder out = new StringBuilder();
        out.append(live).append(" live object(s) leaked: ").append(livePerType);
        if (tracking == Tracking.OFF) {
            out.append(" (create the runtime with tracking OBJECTS or SITES to see which)");
        }
        for (final LeakedObject object : objects) {
            out.append("\n  ").append(object.description()).append(' ').append(object.repr());
            final int frames = Math.min(FRAMES_SHOWN, object.site().size());
            for (int i = 0; i < frames; i++) {
                out.append("\n      at ").append(object.site().get(i));
            }
        }
        return out.toString();
    }
}
