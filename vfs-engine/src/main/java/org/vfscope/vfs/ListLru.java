package org.vfscope.vfs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * {@code struct list_lru}: an LRU list walked from its head (oldest) by a shrinker. Not
 * thread-safe: the owning cache's lock guards it, as the lru lock does in the kernel.
 *
 * @param <T> dentries or inodes
 */
public final class ListLru<T extends ListLru.Item> {
    /**
     * What an LRU item keeps for snapshots: a stamp given each time it joins the tail, so the
     * list's order is the stamps' order and a snapshot can place an item without walking the list.
     */
    public interface Item {
        long lruStamp();

        void setLruStamp(long stamp);
    }

    /** What an isolate callback did with an item (enum lru_status). */
    public enum Status {
        /** The callback took the item off the list. */
        REMOVED,
        /** Give it a second chance: move it to the tail. */
        ROTATE,
        /** Leave it where it is. */
        SKIP,
        /** The callback dropped the lock (inode steal): offer the item again if the budget lasts. */
        RETRY
    }

    /** The per-item callback of list_lru_walk. */
    @FunctionalInterface
    public interface Isolate<T> {
        Status isolate(T item);
    }

    private final LinkedHashSet<T> items = new LinkedHashSet<>();
    /** The last stamp given; items join at the tail only, so stamps rise from head to tail. */
    private long stampClock;

    /** list_lru_add: to the tail; false if already there. */
    public boolean add(T item) {
        if (!items.add(item)) {
            return false;
        }
        item.setLruStamp(++stampClock);
        return true;
    }

    /** list_lru_del. */
    public boolean remove(T item) {
        return items.remove(item);
    }

    public boolean contains(T item) {
        return items.contains(item);
    }

    public int size() {
        return items.size();
    }

    /**
     * list_lru_walk: offers up to {@code nrToWalk} items from the head to {@code isolate}.
     * A rotated item goes to the tail and, as in the kernel's walk, comes round again if the
     * budget lasts; the callback removes the items it takes. Items that are on the list when the
     * walk starts are offered first, in order, then the rotated ones.
     */
    public void walk(Isolate<T> isolate, long nrToWalk) {
        // Only the head the budget can reach is copied (a shrinker asks for a batch of a long
        // list); more is taken, by stamp, only if items vanished under the walk meanwhile.
        long lastOriginal = stampClock;
        ArrayDeque<T> originals = new ArrayDeque<>();
        long copiedUpTo = copyHead(originals, Long.MIN_VALUE, lastOriginal, nrToWalk);
        ArrayDeque<T> rotated = new ArrayDeque<>();
        long walked = 0;
        while (walked < nrToWalk) {
            if (originals.isEmpty() && copiedUpTo < lastOriginal) {
                long more = copyHead(originals, copiedUpTo, lastOriginal, nrToWalk - walked);
                copiedUpTo = originals.isEmpty() ? lastOriginal : more;
            }
            ArrayDeque<T> from = originals.isEmpty() ? rotated : originals;
            T item = from.poll();
            if (item == null) {
                return;
            }
            if (!items.contains(item)) {
                continue;
            }
            walked++;
            Status status = isolate.isolate(item);
            if (status == Status.ROTATE) {
                items.remove(item);
                add(item);
                rotated.add(item);
            } else if (status == Status.RETRY) {
                // LRU_RETRY restarts at the head, where the item still is; it costs budget again.
                from.addFirst(item);
            }
        }
    }

    /**
     * Appends to {@code into} up to {@code max} items, head first, whose stamps lie in
     * ({@code after}, {@code upTo}]; returns the last stamp taken ({@code after} if none).
     */
    private long copyHead(ArrayDeque<T> into, long after, long upTo, long max) {
        long last = after;
        for (T item : items) {
            if (into.size() >= max) {
                break;
            }
            long stamp = item.lruStamp();
            if (stamp > upTo) {
                break; // stamps rise from head to tail: the rest joined after the walk began
            }
            if (stamp > after) {
                into.add(item);
                last = stamp;
            }
        }
        return last;
    }

    /** Offers each item with its position, head (0) to tail, without copying the list. */
    public void forEachWithPosition(java.util.function.ObjIntConsumer<? super T> action) {
        int pos = 0;
        for (T item : items) {
            action.accept(item, pos++);
        }
    }

    /** Head (next to be scanned) to tail, a copy. */
    public List<T> snapshot() {
        return new ArrayList<>(items);
    }
}
