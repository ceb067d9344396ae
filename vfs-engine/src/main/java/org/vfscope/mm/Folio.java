package org.vfscope.mm;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code struct folio}, always one page here: a {@link #PAGE_SIZE} slice of a file at
 * {@link #index()}, its flags and its lock ({@code folio_lock}).
 */
public final class Folio {
    public static final int PAGE_SHIFT = 12;
    public static final int PAGE_SIZE = 1 << PAGE_SHIFT;

    private final AddressSpace mapping;
    private final long index;
    private final byte[] data = new byte[PAGE_SIZE];
    private final EnumSet<FolioFlag> flags = EnumSet.noneOf(FolioFlag.class);
    private final ReentrantLock lock = new ReentrantLock();

    // The LRU links, owned by PageCache under its lru lock (the kernel's folio->lru).
    LruList lruList = LruList.NONE;
    /** In its mapping's index; cleared on removal, read by reclaim's putback without that lock. */
    volatile boolean cached;
    Folio lruPrev;
    Folio lruNext;

    Folio(AddressSpace mapping, long index) {
        this.mapping = mapping;
        this.index = index;
    }

    public AddressSpace mapping() {
        return mapping;
    }

    public long index() {
        return index;
    }

    /** File offset of the first byte. */
    public long position() {
        return index << PAGE_SHIFT;
    }

    /** The page's bytes; touched only with the folio locked. */
    public byte[] data() {
        return data;
    }

    /** folio_lock: sleeps until the folio is ours. */
    public void lock() {
        lock.lock();
        setFlag(FolioFlag.LOCKED);
    }

    /** folio_trylock: reclaim never waits for a folio someone is using. */
    public boolean tryLock() {
        if (!lock.tryLock()) {
            return false;
        }
        setFlag(FolioFlag.LOCKED);
        return true;
    }

    /** Which LRU list the folio is on (read without the lru lock: a hint for views). */
    public LruList lruList() {
        return lruList;
    }

    public void unlock() {
        clearFlag(FolioFlag.LOCKED);
        lock.unlock();
    }

    public synchronized boolean test(FolioFlag f) {
        return flags.contains(f);
    }

    public synchronized void setFlag(FolioFlag f) {
        flags.add(f);
    }

    public synchronized void clearFlag(FolioFlag f) {
        flags.remove(f);
    }

    /** test-and-clear, as folio_clear_dirty_for_io does for DIRTY. */
    public synchronized boolean testAndClear(FolioFlag f) {
        return flags.remove(f);
    }

    /** The flags as bits, bit i for the flag of ordinal i: what a snapshot copies without allocating. */
    public synchronized int flagBits() {
        int bits = 0;
        for (FolioFlag f : flags) {
            bits |= 1 << f.ordinal();
        }
        return bits;
    }

    public synchronized Set<FolioFlag> flags() {
        return flags.isEmpty() ? EnumSet.noneOf(FolioFlag.class) : EnumSet.copyOf(flags);
    }

    public boolean isUptodate() {
        return test(FolioFlag.UPTODATE);
    }

    public boolean isDirty() {
        return test(FolioFlag.DIRTY);
    }
}
