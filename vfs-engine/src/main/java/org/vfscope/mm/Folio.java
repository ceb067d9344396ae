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

    public void lock() {
        lock.lock();
        setFlag(FolioFlag.LOCKED);
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
