package org.vfscope.trace;

import java.util.Arrays;
import java.util.List;

/**
 * A cache's change record for incremental snapshots: the objects (dentries, inodes or folios)
 * whose snapshot-visible state changed since the last {@link #drain}, each once, in a bounded
 * array. Past the bound it only remembers that it overflowed, and the snapshot taker falls back
 * to a full copy. Off (one volatile read per change) until a taker {@link #enable}s it.
 *
 * <p>Each object carries the generation it was last recorded in, so a second change in the same
 * generation costs a volatile read and a compare. Every change is written before {@link #mark}
 * reads the generation and a drain bumps the generation before the taker reads the objects, so
 * a change is either seen by the snapshot that drains it or recorded for the next one.
 *
 * @param <T> dentries, inodes or folios
 */
public final class ChangeLog<T extends ChangeLog.Tracked> {
    /** What a recorded object keeps for its change log: the generation it was last recorded in. */
    public interface Tracked {
        int changeGeneration();

        void setChangeGeneration(int generation);
    }

    /** What a drain hands over: the changed objects, or {@code overflowed} when they did not fit. */
    public record Drained<T>(List<T> changed, boolean overflowed) {
    }

    /** The bound when none is given: a poll of a busy engine rarely changes more objects. */
    public static final int DEFAULT_BOUND = 1 << 16;

    private final int bound;
    /** 0 while off; otherwise the generation now being recorded. */
    private volatile int generation;
    private Object[] items = new Object[64];
    private int size;
    private boolean overflowed;
    /** Held by the one consumer that drains this log while it takes; see {@link #consumer()}. */
    private final Object consumerLock = new Object();
    private Object consumer;

    public ChangeLog() {
        this(DEFAULT_BOUND);
    }

    public ChangeLog(int bound) {
        if (bound < 1) {
            throw new IllegalArgumentException("bound " + bound);
        }
        this.bound = bound;
    }

    /** Records that {@code obj} changed; the change itself must already be written. Any thread. */
    public void mark(T obj) {
        int g = generation;
        if (g == 0 || obj.changeGeneration() == g) {
            return;
        }
        markSlow(obj);
    }

    private synchronized void markSlow(T obj) {
        int g = generation;
        if (obj.changeGeneration() == g) {
            return;
        }
        obj.setChangeGeneration(g);
        if (overflowed) {
            return;
        }
        if (size >= bound) {
            overflowed = true; // bounded memory: the taker copies everything instead
            Arrays.fill(items, 0, size, null);
            size = 0;
            return;
        }
        if (size == items.length) {
            items = Arrays.copyOf(items, Math.min(bound, size * 2));
        }
        items[size++] = obj;
    }

    /** Starts recording (idempotent); the first drain after it reports an overflow, as nothing was recorded before. */
    public synchronized void enable() {
        if (generation == 0) {
            generation = 1;
            overflowed = true;
        }
    }

    public boolean isEnabled() {
        return generation != 0;
    }

    /** Hands over what was recorded and starts a new generation. */
    @SuppressWarnings("unchecked")
    public synchronized Drained<T> drain() {
        List<T> changed = overflowed ? List.of() : (List<T>) (List<?>) Arrays.asList(Arrays.copyOf(items, size));
        Drained<T> out = new Drained<>(changed, overflowed);
        int next = generation + 1;
        generation = next == 0 ? 1 : next; // 0 means off
        Arrays.fill(items, 0, size, null);
        if (items.length > 4096) {
            items = new Object[64]; // a burst does not pin its array
        }
        size = 0;
        overflowed = false;
        return out;
    }

    public int bound() {
        return bound;
    }

    /**
     * The monitor a consumer holds while it drains and reads (so two takers never interleave),
     * and under which {@link #consumer()} is read and changed.
     */
    public Object consumerLock() {
        return consumerLock;
    }

    /** Who drained this log last (the snapshot taker whose records the objects hold), or null. Under {@link #consumerLock()}. */
    public Object consumer() {
        return consumer;
    }

    public void setConsumer(Object c) {
        consumer = c;
    }
}
