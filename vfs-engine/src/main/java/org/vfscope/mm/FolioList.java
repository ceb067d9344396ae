package org.vfscope.mm;

import java.util.ArrayList;
import java.util.List;

/**
 * One LRU list, intrusive as the kernel's {@code list_head}: new folios go to the head, reclaim
 * takes from the tail, and a folio can be moved to either end in O(1). Guarded by the page
 * cache's lru lock.
 */
final class FolioList {
    private final LruList which;
    private Folio head;
    private Folio tail;
    private long size;
    /** Stamps: falling at the head, rising at the tail, so head-to-tail order is ascending stamps. */
    private long headStamp;
    private long tailStamp;

    FolioList(LruList which) {
        this.which = which;
    }

    long size() {
        return size;
    }

    void addHead(Folio f) {
        f.lruStamp = --headStamp;
        f.lruList = which;
        f.lruPrev = null;
        f.lruNext = head;
        if (head != null) {
            head.lruPrev = f;
        }
        head = f;
        if (tail == null) {
            tail = f;
        }
        size++;
        f.changed();
    }

    void addTail(Folio f) {
        f.lruStamp = ++tailStamp;
        f.lruList = which;
        f.lruNext = null;
        f.lruPrev = tail;
        if (tail != null) {
            tail.lruNext = f;
        }
        tail = f;
        if (head == null) {
            head = f;
        }
        size++;
        f.changed();
    }

    void remove(Folio f) {
        if (f.lruPrev != null) {
            f.lruPrev.lruNext = f.lruNext;
        } else {
            head = f.lruNext;
        }
        if (f.lruNext != null) {
            f.lruNext.lruPrev = f.lruPrev;
        } else {
            tail = f.lruPrev;
        }
        f.lruPrev = null;
        f.lruNext = null;
        f.lruList = LruList.NONE;
        size--;
        f.changed();
    }

    /** The oldest folio (next for reclaim), or null. */
    Folio tail() {
        return tail;
    }

    /** Head (newest) to tail (next to reclaim), a copy. */
    List<Folio> headToTail() {
        List<Folio> out = new ArrayList<>((int) Math.min(size, Integer.MAX_VALUE));
        for (Folio f = head; f != null; f = f.lruNext) {
            out.add(f);
        }
        return out;
    }
}
