package org.vfscope.trace;

import java.util.Objects;

/** An event with the sequence number its ring gave it (0, 1, 2, ... in offer order). */
public record SequencedEvent(long seq, TraceEvent event) {

    public SequencedEvent {
        Objects.requireNonNull(event, "event");
    }
}
