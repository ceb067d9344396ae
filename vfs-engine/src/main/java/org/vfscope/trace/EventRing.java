package org.vfscope.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The trace buffer: a bounded ring of events, like the kernel's ftrace ring buffer in overwrite
 * mode. A writer never waits for a reader: when the ring is full the oldest event is dropped
 * and counted. Each event gets a sequence number (0, 1, 2, ...); readers ask for the events
 * {@link #since} a number and keep the {@link EventBatch#nextSeq()} they get back, so any number
 * of readers can follow independently. Thread-safe; the lock is held only to store one event or
 * to copy references out.
 */
public final class EventRing implements TraceSink {
    private final TraceEvent[] slots;
    /** Sequence number of the next event offered; guarded by this. */
    private long next;
    private long dropped;
    private volatile boolean enabled = true;

    public EventRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.slots = new TraceEvent[capacity];
    }

    public int capacity() {
        return slots.length;
    }

    /** Whether {@link #offer} records anything; switching off makes tracing nearly free. */
    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** Records the event, dropping the oldest when full. Ignored while disabled. */
    @Override
    public void offer(TraceEvent event) {
        if (!enabled) {
            return;
        }
        Objects.requireNonNull(event, "event");
        synchronized (this) {
            if (next >= slots.length) {
                dropped++;
            }
            slots[slot(next)] = event;
            next++;
        }
    }

    /** Events dropped to make room: each offer into a full ring overwrites the oldest. */
    public synchronized long dropped() {
        return dropped;
    }

    /** The sequence number the next offered event will get; also the number offered so far. */
    public synchronized long nextSeq() {
        return next;
    }

    /** Events held now (at most the capacity). */
    public synchronized int size() {
        return (int) Math.min(next, slots.length);
    }

    /** Every held event numbered {@code seq} or later, oldest first. */
    public EventBatch since(long seq) {
        return since(seq, Integer.MAX_VALUE);
    }

    /**
     * At most {@code max} held events numbered {@code seq} or later, oldest first. Events from
     * {@code seq} on that were already dropped are counted in {@link EventBatch#missed()}; a
     * {@code seq} beyond {@link #nextSeq()} gets an empty batch.
     */
    public EventBatch since(long seq, int max) {
        if (seq < 0 || max < 0) {
            throw new IllegalArgumentException("seq and max must not be negative: " + seq + ", " + max);
        }
        TraceEvent[] copy;
        long from;
        long missed;
        synchronized (this) {
            long oldest = Math.max(0, next - slots.length);
            if (seq >= next) {
                return EventBatch.empty(next);
            }
            from = Math.max(seq, oldest);
            missed = from - seq;
            copy = new TraceEvent[(int) Math.min(next - from, max)];
            for (int i = 0; i < copy.length; i++) {
                copy[i] = slots[slot(from + i)];
            }
        }
        // The records are built after the lock is released: writers wait only for the copy.
        List<SequencedEvent> events = new ArrayList<>(copy.length);
        for (int i = 0; i < copy.length; i++) {
            events.add(new SequencedEvent(from + i, copy[i]));
        }
        return new EventBatch(events, from + copy.length, missed);
    }

    private int slot(long seq) {
        return (int) (seq % slots.length);
    }
}
