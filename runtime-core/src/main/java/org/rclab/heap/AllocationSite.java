package org.rclab.heap;

import java.util.List;
import java.util.stream.Collectors;

/** Captures where an object was allocated: the caller's frames, without the runtime's own. */
final class AllocationSite {
    private static final int MAX_FRAMES = 16;
    private static final StackWalker WALKER = StackWalker.getInstance();

    private AllocationSite() {
    }

    static List<StackTraceElement> capture() {
        return WALKER.walk(frames -> frames
                .dropWhile(frame -> isRuntimeInternal(frame.getClassName()))
                .limit(MAX_FRAMES)
                .map(StackWalker.StackFrame::toStackTraceElement)
                .collect(Collectors.toUnmodifiableList()));
    }

    private static boolean isRuntimeInternal(final String className) {
        return className.startsWith("org.rclab.heap.")
                || className.startsWith("org.rclab.object.")
                || className.startsWith("org.rclab.runtime.");
    }
}
