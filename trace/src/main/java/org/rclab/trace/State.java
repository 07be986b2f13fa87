package org.rclab.trace;

import java.util.Optional;

import org.rclab.runtime.events.LaneState;

/** What a thread is doing at a moment, as its lane shows it. */
public enum State {
    /** Attached and running; under a GIL, holding it. The state of a lane no event paints. */
    RUNNING("running (under a GIL: holding it)"),
    /** Waiting for a lock: a GIL, or the switch after a forced drop. */
    WAITING("waiting for the lock"),
    /** Running blocking work with the runtime released. */
    RELEASED("released for blocking work"),
    /** Parked on an object lock. */
    PARKED("parked on an object lock");

    private final String legend;

    State(final String legend) {
        this.legend = legend;
    }

    /**
     * The words the timeline's legend uses.
     *
     * @return the legend text
     */
    public String legend() {
        return legend;
    }

    /**
     * The state a {@link LaneState} value names.
     *
     * @param value the annotation's value
     * @return the state, or empty for a value this tool does not know
     */
    public static Optional<State> ofLaneState(final String value) {
        return switch (value) {
            case LaneState.WAITING -> Optional.of(WAITING);
            case LaneState.RELEASED -> Optional.of(RELEASED);
            case LaneState.PARKED -> Optional.of(PARKED);
            default -> Optional.empty();
        };
    }
}
