package org.vfscope.trace;

import java.util.List;

/**
 * What a reader got from {@link EventRing#since}: the events in sequence order, the sequence
 * number to ask for next time, and how many events it asked for had already been dropped.
 */
public record EventBatch(List<SequencedEvent> events, long nextSeq, long missed) {

    public EventBatch {
        events = List.copyOf(events);
    }

    public static EventBatch empty(long nextSeq) {
        return new EventBatch(List.of(), nextSeq, 0);
    }

    public boolean isEmpty() {
        return events.isEmpty();
    }
}
