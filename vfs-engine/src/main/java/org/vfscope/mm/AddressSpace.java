package org.vfscope.mm;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.vfscope.vfs.AddressSpaceOperations;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.Inode;
import org.vfscope.vfs.OpenFile;
import org.vfscope.vfs.VfsException;
import org.vfscope.vfs.icache.InodeState;

/**
 * {@code struct address_space}: one inode's cached pages, indexed by page number (the kernel's
 * {@code i_pages} xarray), with the filesystem's {@link AddressSpaceOperations}. The map is guarded
 * by this object's monitor (the xarray lock); page contents by each folio's lock.
 */
public final class AddressSpace {
    private final Inode host;
    private volatile AddressSpaceOperations aops;
    private final NavigableMap<Long, Folio> pages = new TreeMap<>();
    private int nrDirty;

    public AddressSpace(Inode host) {
        this.host = host;
    }

    public Inode host() {
        return host;
    }

    public AddressSpaceOperations aops() {
        return aops;
    }

    public void setAops(AddressSpaceOperations aops) {
        this.aops = aops;
    }

    /** Pages in the cache. */
    public synchronized int nrpages() {
        return pages.size();
    }

    /** Pages carrying the DIRTY tag. */
    public synchronized int nrDirty() {
        return nrDirty;
    }

    /** filemap_get_folio without creating: the cached page at {@code index}, or null. */
    public synchronized Folio find(long index) {
        return pages.get(index);
    }

    /** The indices of cached pages, in order (a copy). */
    public synchronized List<Long> indices() {
        return new ArrayList<>(pages.keySet());
    }

    /**
     * read_cache_folio: the uptodate page at {@code index}, read through {@code ->read_folio} on a
     * miss. Returns it unlocked. A failed read leaves no page behind and raises EIO.
     */
    public Folio readCached(OpenFile file, long index) {
        Folio folio = findOrCreate(index);
        if (folio.isUptodate()) {
            return folio;
        }
        folio.lock();
        try {
            if (!folio.isUptodate()) {
                fill(file, folio);
            }
        } finally {
            folio.unlock();
        }
        return folio;
    }

    /**
     * write_begin: the page at {@code index}, locked, ready to take {@code len} bytes at
     * {@code offset} within it. A partial write over existing data reads the page first.
     */
    public Folio writeBegin(long index, int offset, int len) {
        if (aops != null) {
            aops.writeBegin(host, index);
        }
        Folio folio = findOrCreate(index);
        folio.lock();
        try {
            if (!folio.isUptodate()) {
                boolean fullPage = offset == 0 && len == Folio.PAGE_SIZE;
                if (!fullPage && folio.position() < host.size()) {
                    fill(null, folio);
                } else if (!fullPage) {
                    java.util.Arrays.fill(folio.data(), (byte) 0);
                }
            }
        } catch (RuntimeException e) {
            folio.unlock();
            throw e;
        }
        return folio;
    }

    /** write_end: the copy is done; mark the page uptodate and dirty, then unlock it. */
    public void writeEnd(Folio folio) {
        folio.setFlag(FolioFlag.UPTODATE);
        dirtyFolio(folio);
        folio.unlock();
    }

    /** filemap_dirty_folio: sets DIRTY and the DIRTY tag, and I_DIRTY_PAGES on the inode. */
    public void dirtyFolio(Folio folio) {
        boolean newlyDirty;
        synchronized (this) {
            newlyDirty = !folio.isDirty();
            if (newlyDirty) {
                folio.setFlag(FolioFlag.DIRTY);
                nrDirty++;
            }
        }
        if (newlyDirty) {
            host.markDirty(InodeState.I_DIRTY_PAGES);
        }
    }

    /**
     * write_cache_pages for the range of {@code wbc}: each dirty page is cleared for I/O, written
     * through {@code ->writepage} and its writeback ended. Returns the pages written.
     */
    public long writeDirty(WritebackControl wbc) {
        long first = wbc.rangeStart() >> Folio.PAGE_SHIFT;
        long last = wbc.rangeEnd() == Long.MAX_VALUE ? Long.MAX_VALUE : wbc.rangeEnd() >> Folio.PAGE_SHIFT;
        List<Folio> dirty = new ArrayList<>();
        synchronized (this) {
            for (Folio f : pages.subMap(first, true, last, true).values()) {
                if (f.isDirty()) {
                    dirty.add(f);
                }
            }
        }
        long written = 0;
        for (Folio folio : dirty) {
            if (wbc.nrToWrite() <= 0) {
                break;
            }
            folio.lock();
            try {
                if (!clearDirtyForIo(folio)) {
                    continue;
                }
                folio.setFlag(FolioFlag.WRITEBACK);
                try {
                    aops.writepage(folio, wbc);
                } catch (VfsException e) {
                    // The data stays in memory: redirty so a later sync retries it.
                    dirtyFolio(folio);
                    throw e;
                } finally {
                    folio.clearFlag(FolioFlag.WRITEBACK);
                }
                written++;
                wbc.wrote(1);
            } finally {
                folio.unlock();
            }
        }
        return written;
    }

    private boolean clearDirtyForIo(Folio folio) {
        synchronized (this) {
            if (folio.testAndClear(FolioFlag.DIRTY)) {
                nrDirty--;
                return true;
            }
            return false;
        }
    }

    /**
     * truncate_inode_pages: drops every page wholly beyond {@code from} and zeroes the tail of
     * the page that straddles it. When the last page leaves, an unused inode may join the LRU.
     */
    public void truncatePages(long from) {
        long firstWhole = (from + Folio.PAGE_SIZE - 1) >> Folio.PAGE_SHIFT;
        List<Folio> gone;
        Folio partial;
        synchronized (this) {
            NavigableMap<Long, Folio> tail = pages.tailMap(firstWhole, true);
            gone = new ArrayList<>(tail.values());
            for (Folio f : gone) {
                if (f.isDirty()) {
                    nrDirty--;
                }
            }
            tail.clear();
            partial = (from & (Folio.PAGE_SIZE - 1)) != 0 ? pages.get(from >> Folio.PAGE_SHIFT) : null;
        }
        for (Folio f : gone) {
            if (aops != null) {
                aops.invalidateFolio(f, 0, Folio.PAGE_SIZE);
            }
            f.clearFlag(FolioFlag.DIRTY);
        }
        if (partial != null) {
            partial.lock();
            try {
                int off = (int) (from & (Folio.PAGE_SIZE - 1));
                java.util.Arrays.fill(partial.data(), off, Folio.PAGE_SIZE, (byte) 0);
            } finally {
                partial.unlock();
            }
        }
        if (!gone.isEmpty()) {
            pagesLeft();
        }
    }

    /**
     * truncate_inode_pages_range for whole pages {@code [first, last]} (hole punching): they leave
     * the cache even when dirty, so writeback cannot bring the punched range back.
     */
    public void truncatePageRange(long first, long last) {
        List<Folio> gone;
        synchronized (this) {
            NavigableMap<Long, Folio> range = pages.subMap(first, true, last, true);
            gone = new ArrayList<>(range.values());
            for (Folio f : gone) {
                if (f.isDirty()) {
                    nrDirty--;
                }
            }
            range.clear();
        }
        for (Folio f : gone) {
            if (aops != null) {
                aops.invalidateFolio(f, 0, Folio.PAGE_SIZE);
            }
            f.clearFlag(FolioFlag.DIRTY);
        }
        if (!gone.isEmpty()) {
            pagesLeft();
        }
    }

    /**
     * invalidate_mapping_pages: drops the clean, unlocked pages and keeps dirty or busy ones.
     * Returns how many were dropped.
     */
    public int invalidateClean() {
        int dropped = 0;
        synchronized (this) {
            var it = pages.values().iterator();
            while (it.hasNext()) {
                Folio f = it.next();
                if (!f.isDirty() && !f.test(FolioFlag.WRITEBACK) && !f.test(FolioFlag.LOCKED)
                        && (aops == null || aops.releaseFolio(f))) {
                    it.remove();
                    dropped++;
                }
            }
        }
        if (dropped > 0) {
            pagesLeft();
        }
        return dropped;
    }

    private void pagesLeft() {
        if (nrpages() == 0) {
            host.sb().kernel().icache().addLru(host);
        }
    }

    private synchronized Folio findOrCreate(long index) {
        return pages.computeIfAbsent(index, i -> new Folio(this, i));
    }

    private void fill(OpenFile file, Folio folio) {
        if (aops == null) {
            throw new VfsException(Errno.EIO, host.toString(), "no address_space_operations");
        }
        try {
            aops.readFolio(file, folio);
        } catch (RuntimeException e) {
            synchronized (this) {
                pages.remove(folio.index(), folio);
            }
            throw e;
        }
        folio.setFlag(FolioFlag.UPTODATE);
    }
}
