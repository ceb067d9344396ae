package org.vfscope.mm;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.vfscope.trace.ChangeLog;

/**
 * {@code struct folio}, always one page here: a {@link #PAGE_SIZE} slice of a file at
 * {@link #index()}, its flags and its lock ({@code folio_lock}).
 */
public final class Folio implements ChangeLog.Tracked {
    public static final int PAGE_SHIFT = 12;
    public static final int PAGE_SIZE = 1 << PAGE_SHIFT;

    private final AddressSpace mapping;
    private final long index;
    private static final VarHandle FLAGS;
    private static final FolioFlag[] ALL_FLAGS = FolioFlag.values();

    static {
        try {
            FLAGS = MethodHandles.lookup().findVarHandle(Folio.class, "flags", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final byte[] data = new byte[PAGE_SIZE];
    /** The flags as bits, bit i for the flag of ordinal i, changed atomically (set_bit/clear_bit). */
    private volatile int flags;
    private final ReentrantLock lock = new ReentrantLock();

    // The LRU links, owned by PageCache under its lru lock (the kernel's folio->lru).
    LruList lruList = LruList.NONE;
    /** In its mapping's index; cleared on removal, read by reclaim's putback without that lock. */
    volatile boolean cached;
    Folio lruPrev;
    Folio lruNext;
    /** Given by its LRU list each time the folio joins an end: the list's order is the stamps' order. */
    long lruStamp;
    /** The page cache's change log for snapshots (null for a mapping outside a kernel). */
    private final ChangeLog<Folio> changes;
    /** For that log: the generation this folio was last recorded in. */
    private int changeGeneration;
    /** The record of this folio in the latest incremental snapshot; the engine never reads it. */
    private volatile Object snapshotMemo;

    Folio(AddressSpace mapping, long index) {
        this.mapping = mapping;
        this.index = index;
        PageCache pc = mapping.pageCacheOrNull();
        this.changes = pc == null ? null : pc.changes();
    }

    /** Records in the page cache's change log that the folio's flags or LRU place changed. */
    void changed() {
        if (changes != null) {
            changes.mark(this);
        }
    }

    @Override
    public int changeGeneration() {
        return changeGeneration;
    }

    @Override
    public void setChangeGeneration(int generation) {
        changeGeneration = generation;
    }

    /** The stamp of the folio's place on its LRU list (read under the lru lock; meaningful while on one). */
    public long lruStamp() {
        return lruStamp;
    }

    /** For {@code org.vfscope.trace}: the folio's record in the last incremental snapshot. */
    public Object snapshotMemo() {
        return snapshotMemo;
    }

    public void setSnapshotMemo(Object memo) {
        snapshotMemo = memo;
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

    public boolean test(FolioFlag f) {
        return (flags & bit(f)) != 0;
    }

    public void setFlag(FolioFlag f) {
        if (((int) FLAGS.getAndBitwiseOr(this, bit(f)) & bit(f)) == 0) {
            changed();
        }
    }

    public void clearFlag(FolioFlag f) {
        testAndClear(f);
    }

    /** test-and-clear, as folio_clear_dirty_for_io does for DIRTY. */
    public boolean testAndClear(FolioFlag f) {
        boolean was = ((int) FLAGS.getAndBitwiseAnd(this, ~bit(f)) & bit(f)) != 0;
        if (was) {
            changed();
        }
        return was;
    }

    /** The flags as bits, bit i for the flag of ordinal i: what a snapshot copies without allocating. */
    public int flagBits() {
        return flags;
    }

    public Set<FolioFlag> flags() {
        int bits = flags;
        EnumSet<FolioFlag> out = EnumSet.noneOf(FolioFlag.class);
        for (FolioFlag f : ALL_FLAGS) {
            if ((bits & bit(f)) != 0) {
                out.add(f);
            }
        }
        return out;
    }

    private static int bit(FolioFlag f) {
        return 1 << f.ordinal();
    }

    public boolean isUptodate() {
        return test(FolioFlag.UPTODATE);
    }

    public boolean isDirty() {
        return test(FolioFlag.DIRTY);
    }
}
