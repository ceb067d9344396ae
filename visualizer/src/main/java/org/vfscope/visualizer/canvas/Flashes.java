package org.vfscope.visualizer.canvas;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Short-lived highlights keyed by object: a lookup hit on a dentry, a read of a block. Each
 * flash starts at full strength and fades linearly to nothing over {@code durationNanos}; a newer
 * flash of the same key replaces the older. Times are {@link System#nanoTime()}. FX thread.
 *
 * @param <K> what is flashed (a dentry key, a block number)
 * @param <T> what kind of flash (hit, miss, read, write)
 */
public final class Flashes<K, T> {
    /** One flash: its kind and start. */
    public record Flash<T>(T kind, long startNanos) {
    }

    private final long durationNanos;
    private final Map<K, Flash<T>> flashes = new HashMap<>();

    public Flashes(long durationNanos) {
        this.durationNanos = durationNanos;
    }

    public void add(K key, T kind, long nowNanos) {
        flashes.put(key, new Flash<>(kind, nowNanos));
    }

    /** The flash on {@code key} still showing at {@code nowNanos}, or null. */
    public Flash<T> get(K key, long nowNanos) {
        Flash<T> f = flashes.get(key);
        return f != null && nowNanos - f.startNanos() < durationNanos ? f : null;
    }

    /** 1 when the flash starts, falling to 0 when it ends. */
    public double strength(Flash<T> flash, long nowNanos) {
        double age = (double) (nowNanos - flash.startNanos()) / durationNanos;
        return Math.max(0, Math.min(1, 1 - age));
    }

    /** Drops finished flashes; true while any is still showing. */
    public boolean prune(long nowNanos) {
        for (Iterator<Flash<T>> it = flashes.values().iterator(); it.hasNext(); ) {
            if (nowNanos - it.next().startNanos() >= durationNanos) {
                it.remove();
            }
        }
        return !flashes.isEmpty();
    }

    public Map<K, Flash<T>> all() {
        return flashes;
    }

    public boolean isEmpty() {
        return flashes.isEmpty();
    }
}
