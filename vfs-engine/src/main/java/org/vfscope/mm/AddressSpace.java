package org.vfscope.mm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.vfscope.block.IoOrigin;
import org.vfscope.vfs.AddressSpaceOperations;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.Inode;
import org.vfscope.vfs.Kernel;
import org.vfscope.vfs.OpenFile;
import org.vfscope.vfs.VfsException;
import org.vfscope.vfs.icache.InodeState;

/**
 * {@code struct address_space}: one inode's cached folios by page index (the {@code i_pages}
 * xarray) with the shadow entries evicted folios leave, the filesystem's
 * {@link AddressSpaceOperations}, the DIRTY tag count and the {@code wb_err} errseq. The index is
 * guarded by this object's monitor (the xarray lock); a folio's contents by its lock. Every folio
 * is also on the {@link PageCache}'s LRU lists, whose lock is only ever taken after this one.
 */
public final class AddressSpace {
    /** FOLIO_BATCH_SIZE: a read gathers at most this many folios at once. */
    public static final int FOLIO_BATCH = 31;
    /** Folios one ->writepages call gets at most (a bio of 128 KiB). */
    static final int WRITE_BATCH = 32;

    private final Inode host;
    private volatile AddressSpaceOperations aops;
    private final NavigableMap<Long, Folio> pages = new TreeMap<>();
    private final Map<Long, Long> shadows = new HashMap<>();
    private final Errseq wbErr = new Errseq();
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

    /** wb_err: writeback errors of this file, for fsync to report. */
    public Errseq wbErr() {
        return wbErr;
    }

    PageCache pageCache() {
        return host.sb().kernel().pageCache();
    }

    /** The page cache, or null for a mapping whose host belongs to no kernel. */
    PageCache pageCacheOrNull() {
        Kernel k = host.sb() == null ? null : host.sb().kernel();
        return k == null ? null : k.pageCache();
    }

    VmTunables tunables() {
        return host.sb().kernel().tunables();
    }

    /** Folios in the cache. */
    public synchronized int nrpages() {
        return pages.size();
    }

    /** Folios carrying the DIRTY tag. */
    public synchronized int nrDirty() {
        return nrDirty;
    }

    /** Shadow entries left by evicted folios. */
    public synchronized int nrShadows() {
        return shadows.size();
    }

    /** filemap_get_folio without creating: the cached folio at {@code index}, or null. */
    public synchronized Folio find(long index) {
        return pastLast(index) ? null : pages.get(index);
    }

    /** Whether {@code index} lies past the last cached folio: an appending write's case, with no tree walk. */
    private boolean pastLast(long index) {
        Map.Entry<Long, Folio> last = pages.lastEntry();
        return last == null || index > last.getKey();
    }

    /** Whether {@code f} is still the folio cached at its index. */
    public synchronized boolean contains(Folio f) {
        // A folio is inserted once, fresh, and cached is cleared whenever it leaves the index.
        return f.mapping() == this && f.cached;
    }

    /** The indices of cached folios, in order (a copy). */
    public synchronized List<Long> indices() {
        return new ArrayList<>(pages.keySet());
    }

    /**
     * filemap_get_read_batch: the folios cached contiguously from {@code index} up to
     * {@code last}, at most {@link #FOLIO_BATCH} of them; empty on a miss at {@code index}.
     */
    public synchronized List<Folio> readBatch(long index, long last) {
        List<Folio> out = new ArrayList<>();
        for (long i = index; i <= last && out.size() < FOLIO_BATCH; i++) {
            Folio f = pages.get(i);
            if (f == null) {
                break;
            }
            out.add(f);
        }
        return out;
    }

    /** How many folios are cached right before {@code index}, looking back at most {@code max}. */
    synchronized long cachedRunBefore(long index, int max) {
        long n = 0;
        for (long i = index - 1; i >= 0 && n < max && pages.containsKey(i); i--) {
            n++;
        }
        return n;
    }

    /** page_cache_next_miss: the first index from {@code from} not cached, within {@code max}, or -1. */
    synchronized long nextMiss(long from, int max) {
        for (long i = from; i < from + max; i++) {
            if (!pages.containsKey(i)) {
                return i;
            }
        }
        return -1;
    }

    // ---- reading ---------------------------------------------------------------------------

    /**
     * read_cache_folio / filemap_read_folio: the uptodate folio at {@code index}, read through
     * {@code ->read_folio} when missing or not uptodate. A failed read leaves the folio not
     * uptodate (a later read retries) and raises the error.
     */
    public Folio readCached(OpenFile file, long index) {
        Folio folio = find(index);
        if (folio == null) {
            Folio fresh = new Folio(this, index);
            fresh.lock();
            Folio raced = insert(fresh);
            if (raced == null) {
                try {
                    fill(file, fresh);
                } finally {
                    fresh.unlock();
                }
                pageCache().reclaimIfNeeded();
                return fresh;
            }
            fresh.unlock();
            folio = raced;
        }
        if (!folio.isUptodate()) {
            folio.lock();
            try {
                if (!folio.isUptodate()) {
                    fill(file, folio);
                }
            } finally {
                folio.unlock();
            }
        }
        return folio;
    }

    /**
     * page_cache_ra_unbounded: adds and reads the folios of [start, start + nr) that are not
     * cached and lie before end of file, marking the one at {@code nr - lookahead} READAHEAD.
     */
    public void readahead(OpenFile file, long start, int nr, int lookahead) {
        long size = host.size();
        if (size == 0) {
            return;
        }
        long endIndex = (size - 1) >> Folio.PAGE_SHIFT;
        List<Folio> batch = new ArrayList<>();
        for (int i = 0; i < nr && start + i <= endIndex; i++) {
            Folio f = new Folio(this, start + i);
            f.lock();
            if (insert(f) != null) {
                f.unlock();
                continue;
            }
            if (lookahead > 0 && i == nr - lookahead) {
                f.setFlag(FolioFlag.READAHEAD);
            }
            batch.add(f);
        }
        boolean read = false;
        if (batch.size() > 1 && aops != null) {
            try {
                withOrigin(() -> aops.readahead(file, batch));
                read = true;
            } catch (VfsException e) {
                // Retried page by page below, so that only the pages that fail stay unread.
            }
        }
        for (Folio f : batch) {
            try {
                if (read) {
                    f.setFlag(FolioFlag.UPTODATE);
                } else {
                    fill(file, f);
                }
            } catch (VfsException e) {
                // A readahead failure is not the reader's error: the folio stays !uptodate
                // and the read that needs it retries and reports.
            } finally {
                f.unlock();
            }
        }
        if (!batch.isEmpty()) {
            pageCache().reclaimIfNeeded();
        }
    }

    /**
     * filemap_add_folio: inserts a new (locked) folio, taking over any shadow entry there (a
     * refault); returns the folio already cached if another thread won the race.
     */
    private Folio insert(Folio f) {
        Long shadow;
        synchronized (this) {
            Folio existing = pastLast(f.index()) ? null : pages.get(f.index());
            if (existing != null) {
                return existing;
            }
            pages.put(f.index(), f);
            f.cached = true;
            shadow = shadows.remove(f.index());
        }
        PageCache pc = pageCache();
        pc.added();
        if (shadow != null) {
            pc.refault(f, shadow);
        }
        pc.lruAdd(f);
        return null;
    }

    private void fill(OpenFile file, Folio folio) {
        if (aops == null) {
            throw new VfsException(Errno.EIO, host.toString(), "no address_space_operations");
        }
        withOrigin(() -> aops.readFolio(file, folio));
        folio.setFlag(FolioFlag.UPTODATE);
    }

    // ---- writing ---------------------------------------------------------------------------

    /**
     * write_begin: the folio at {@code index}, locked, ready to take {@code len} bytes at
     * {@code offset} within it. A partial write over existing data reads the folio first.
     */
    public Folio writeBegin(long index, int offset, int len) {
        if (aops != null) {
            aops.writeBegin(host, index);
        }
        Folio folio;
        boolean created = false;
        while (true) {
            folio = find(index);
            if (folio == null) {
                Folio fresh = new Folio(this, index);
                fresh.lock();
                Folio raced = insert(fresh);
                if (raced == null) {
                    folio = fresh;
                    created = true;
                    break;
                }
                fresh.unlock();
                folio = raced;
            }
            folio.lock();
            if (contains(folio)) {
                break;
            }
            folio.unlock(); // truncated or reclaimed meanwhile: look again
        }
        try {
            if (!folio.isUptodate()) {
                boolean fullPage = offset == 0 && len == Folio.PAGE_SIZE;
                if (!fullPage && folio.position() < host.size()) {
                    fill(null, folio);
                } else if (!fullPage && !created) {
                    Arrays.fill(folio.data(), (byte) 0); // a new folio's page is zeroed already
                }
            }
            if (aops != null) {
                aops.blockWriteBegin(folio, offset, len);
            }
        } catch (RuntimeException e) {
            folio.unlock();
            throw e;
        }
        return folio;
    }

    /** write_end: the copy is done; mark the folio uptodate and dirty, then unlock it. */
    public void writeEnd(Folio folio) {
        folio.setFlag(FolioFlag.UPTODATE);
        dirtyFolio(folio);
        folio.unlock();
    }

    /**
     * filemap_dirty_folio: sets DIRTY and the DIRTY tag, accounts it, and gives the inode
     * I_DIRTY_PAGES. Buffered writes do not count as an access: the LRU position is unchanged.
     */
    public void dirtyFolio(Folio folio) {
        boolean newlyDirty;
        synchronized (this) {
            newlyDirty = !folio.isDirty() && contains(folio);
            if (newlyDirty) {
                folio.setFlag(FolioFlag.DIRTY);
                nrDirty++;
            }
        }
        if (newlyDirty) {
            PageCache pc = pageCache();
            pc.accountDirtied();
            pc.tracePage(folio);
            host.markDirty(InodeState.I_DIRTY_PAGES);
        }
    }

    /**
     * write_cache_pages over the range of {@code wbc}: each dirty folio is cleared for I/O,
     * put under writeback, written through {@code ->writepage}, and its writeback ended.
     * WB_SYNC_ALL first tags every dirty folio TOWRITE and then writes exactly those, waiting on
     * folios already under writeback; WB_SYNC_NONE skips them. A write error is recorded in
     * {@link #wbErr()} and the superblock's, for fsync and syncfs to report; the folio stays
     * clean (Linux keeps no per-page error). Returns folios written.
     */
    public long writeDirty(WritebackControl wbc) {
        long first = wbc.rangeStart() >> Folio.PAGE_SHIFT;
        long last = wbc.rangeEnd() == Long.MAX_VALUE ? Long.MAX_VALUE : wbc.rangeEnd() >> Folio.PAGE_SHIFT;
        List<Folio> towrite = new ArrayList<>();
        synchronized (this) {
            for (Folio f : pages.subMap(first, true, last, true).values()) {
                if (f.isDirty()) {
                    towrite.add(f);
                }
            }
        }
        long written = 0;
        int next = 0;
        while (next < towrite.size() && wbc.nrToWrite() > 0) {
            // A run of folios at consecutive indices, locked and under writeback, for one ->writepages.
            List<Folio> run = new ArrayList<>();
            while (next < towrite.size() && run.size() < WRITE_BATCH && run.size() < wbc.nrToWrite()) {
                Folio folio = towrite.get(next);
                if (!run.isEmpty() && folio.index() != run.get(run.size() - 1).index() + 1) {
                    break;
                }
                next++;
                if (!wbc.isSyncAll() && folio.test(FolioFlag.WRITEBACK)) {
                    wbc.skipped(1);
                    break;
                }
                folio.lock();
                if (!contains(folio) || !clearDirtyForIo(folio)) {
                    folio.unlock();
                    break;
                }
                startWriteback(folio);
                run.add(folio);
            }
            written += writeRun(run, wbc);
        }
        return written;
    }

    /**
     * Writes the run through ->writepages, or page by page with ->writepage when it fails (or is
     * one page), recording each page's error; ends writeback and unlocks every folio.
     */
    private long writeRun(List<Folio> run, WritebackControl wbc) {
        boolean done = false;
        if (run.size() > 1) {
            try {
                withOrigin(() -> aops.writepages(run, wbc));
                done = true;
            } catch (VfsException e) {
                // Retried page by page below: the error then lands on the pages that fail.
            }
        }
        for (Folio folio : run) {
            try {
                if (!done) {
                    try {
                        withOrigin(() -> aops.writepage(folio, wbc));
                    } catch (VfsException e) {
                        setError(e.errno());
                    }
                }
            } finally {
                endWriteback(folio);
                wbc.wrote(1);
                folio.unlock();
            }
        }
        return run.size();
    }

    /** I/O for this mapping is traced to its inode unless an outer caller already named one. */
    private void withOrigin(Runnable io) {
        if (IoOrigin.current() != IoOrigin.UNKNOWN) {
            io.run();
        } else {
            IoOrigin.with(host.ino(), io);
        }
    }

    /** mapping_set_error: the file's errseq and its superblock's. */
    public void setError(Errno errno) {
        wbErr.set(errno);
        host.sb().wbErr().set(errno);
    }

    private boolean clearDirtyForIo(Folio folio) {
        synchronized (this) {
            if (!folio.testAndClear(FolioFlag.DIRTY)) {
                return false;
            }
            nrDirty--;
        }
        pageCache().accountCleaned();
        return true;
    }

    private void startWriteback(Folio folio) {
        folio.setFlag(FolioFlag.WRITEBACK);
        PageCache pc = pageCache();
        pc.accountWritebackStart();
        pc.tracePage(folio);
    }

    /** folio_end_writeback: a folio reclaim was waiting for goes to the inactive tail. */
    private void endWriteback(Folio folio) {
        folio.clearFlag(FolioFlag.WRITEBACK);
        PageCache pc = pageCache();
        pc.accountWritebackEnd();
        pc.rotateReclaimable(folio);
        pc.tracePage(folio);
    }

    // ---- removing --------------------------------------------------------------------------

    /**
     * truncate_inode_pages: drops every folio wholly beyond {@code from} (and their shadows),
     * and zeroes the tail of the folio that straddles it. When the last folio leaves, an unused
     * inode may join the inode LRU.
     */
    public void truncatePages(long from) {
        long firstWhole = (from + Folio.PAGE_SIZE - 1) >> Folio.PAGE_SHIFT;
        removeRange(firstWhole, Long.MAX_VALUE);
        Folio partial = (from & (Folio.PAGE_SIZE - 1)) != 0 ? find(from >> Folio.PAGE_SHIFT) : null;
        if (partial != null) {
            partial.lock();
            try {
                int off = (int) (from & (Folio.PAGE_SIZE - 1));
                Arrays.fill(partial.data(), off, Folio.PAGE_SIZE, (byte) 0);
            } finally {
                partial.unlock();
            }
        }
    }

    /**
     * truncate_inode_pages_range for whole folios {@code [first, last]} (hole punching): they
     * leave the cache even when dirty, so writeback cannot bring the punched range back.
     */
    public void truncatePageRange(long first, long last) {
        removeRange(first, last);
    }

    private void removeRange(long first, long last) {
        List<Folio> gone;
        synchronized (this) {
            NavigableMap<Long, Folio> range = pages.subMap(first, true, last, true);
            gone = new ArrayList<>(range.values());
            for (Folio f : gone) {
                detachLocked(f);
            }
            range.clear();
            shadows.keySet().removeIf(i -> i >= first && i <= last);
        }
        finishRemoval(gone);
    }

    /**
     * invalidate_mapping_pages: drops the clean, unlocked folios and keeps dirty or busy ones.
     * Returns how many were dropped.
     */
    public int invalidateClean() {
        List<Folio> gone = new ArrayList<>();
        synchronized (this) {
            var it = pages.values().iterator();
            while (it.hasNext()) {
                Folio f = it.next();
                if (!f.isDirty() && !f.test(FolioFlag.WRITEBACK) && !f.test(FolioFlag.LOCKED)
                        && (aops == null || aops.releaseFolio(f))) {
                    it.remove();
                    detachLocked(f);
                    gone.add(f);
                }
            }
        }
        finishRemoval(gone);
        return gone.size();
    }

    /**
     * __remove_mapping for reclaim: the locked, clean folio leaves the cache and a shadow entry
     * takes its place. False if it is no longer cached here or got dirty meanwhile.
     */
    boolean removeForReclaim(Folio f) {
        PageCache pc = pageCache();
        synchronized (this) {
            if (pages.get(f.index()) != f || f.isDirty() || (aops != null && !aops.releaseFolio(f))) {
                return false;
            }
            pages.remove(f.index());
            detachLocked(f);
            if (shadows.size() < Math.max(64, tunables().cachePages())) {
                shadows.put(f.index(), pc.shadowFor(f));
            }
        }
        finishRemoval(List.of(f));
        return true;
    }

    /** The index-side half of removing a folio; the caller holds this monitor. */
    private void detachLocked(Folio f) {
        f.cached = false;
        if (f.isDirty()) {
            nrDirty--;
            f.clearFlag(FolioFlag.DIRTY);
            pageCache().accountCleaned();
        }
    }

    /** The LRU-side half, outside this monitor: off the lists, invalidated, inode maybe unused. */
    private void finishRemoval(List<Folio> gone) {
        if (gone.isEmpty()) {
            return;
        }
        PageCache pc = pageCache();
        for (Folio f : gone) {
            pc.deleted(f);
            if (aops != null) {
                aops.invalidateFolio(f, 0, Folio.PAGE_SIZE);
            }
        }
        if (nrpages() == 0) {
            host.sb().kernel().icache().addLru(host);
        }
    }
}
