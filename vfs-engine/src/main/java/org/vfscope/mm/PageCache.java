package org.vfscope.mm;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.vfscope.trace.CacheShrink;
import org.vfscope.trace.ChangeLog;
import org.vfscope.trace.PageLru;
import org.vfscope.trace.PageStateChange;
import org.vfscope.trace.TraceSink;
import org.vfscope.vfs.Inode;
import org.vfscope.vfs.KernelClock;

/**
 * The node's file LRU and the workingset (mm/swap.c, mm/vmscan.c, mm/workingset.c): one active
 * and one inactive list, {@code folio_mark_accessed}'s promotion ladder, deactivation when the
 * inactive list runs low, reclaim from the inactive tail that skips dirty and busy folios,
 * shadow entries stamped with the non-resident age, and refault activation.
 *
 * <p>The lists are guarded by the lru lock; a folio's flags by its own monitor. Reclaim takes
 * victims off the list under the lru lock, then works on each with only its folio lock (tried,
 * never waited for) and its mapping's lock: no lock is ever held while taking one before it.
 */
public final class PageCache {
    /** SWAP_CLUSTER_MAX: reclaim works in batches of this many folios. */
    public static final int SWAP_CLUSTER_MAX = 32;

    private final VmTunables tunables;
    private final Object lruLock = new Object();
    private final FolioList active = new FolioList(LruList.ACTIVE);
    private final FolioList inactive = new FolioList(LruList.INACTIVE);
    /** Folios whose flags or LRU place changed since the last incremental snapshot. */
    private final ChangeLog<Folio> changes = new ChangeLog<>();
    private volatile WritebackStarter writebackStarter = () -> { };
    /** Where tracepoints write; null while nobody traces. */
    private volatile TraceSink trace;
    private KernelClock clock;

    private final AtomicLong nrPages = new AtomicLong();
    private final AtomicLong nrDirty = new AtomicLong();
    private final AtomicLong nrWriteback = new AtomicLong();
    /** lruvec->nonresident_age: ticks on every eviction and every activation. */
    private final AtomicLong nonresidentAge = new AtomicLong();
    private final AtomicLong evictions = new AtomicLong();
    private final AtomicLong refaults = new AtomicLong();
    private final AtomicLong activations = new AtomicLong();
    private final AtomicLong restores = new AtomicLong();
    private final AtomicLong rotations = new AtomicLong();
    private final Deque<Integer> readaheadLog = new ArrayDeque<>();
    private final AtomicLong readaheadWindows = new AtomicLong();

    /** What reclaim asks of writeback when it meets dirty folios it cannot free itself. */
    @FunctionalInterface
    public interface WritebackStarter {
        void startWriteback();
    }

    public PageCache(VmTunables tunables) {
        this.tunables = tunables;
    }

    public void setWritebackStarter(WritebackStarter starter) {
        this.writebackStarter = starter;
    }

    /** Wired by the kernel: the sink for tracepoints (null: off) and the clock stamping them. */
    public void setTrace(TraceSink sink, KernelClock clock) {
        this.clock = clock;
        this.trace = sink; // written last: a reader that sees the sink sees the clock
    }

    /**
     * Records the folio's flags and LRU list as they are now. The list is exact under the lru
     * lock and a hint without it; a folio that left the cache is recorded off the LRU.
     */
    void tracePage(Folio f) {
        TraceSink t = trace;
        if (t != null) {
            Inode host = f.mapping().host();
            PageLru lru = !f.cached ? PageLru.NONE : switch (f.lruList) {
                case NONE -> PageLru.NONE;
                case INACTIVE -> PageLru.INACTIVE;
                case ACTIVE -> PageLru.ACTIVE;
            };
            t.offer(new PageStateChange(clock.nanoTime(), host.sb().dev(), host.ino(), f.index(), f.flags(), lru));
        }
    }

    // ---- adding and removing ---------------------------------------------------------------

    /** A folio entered a mapping (filemap_add_folio): counted, not yet on an LRU list. */
    void added() {
        nrPages.incrementAndGet();
    }

    /**
     * folio_add_lru: the head of the inactive list, or of the active list when a refault just
     * activated it.
     */
    void lruAdd(Folio f) {
        synchronized (lruLock) {
            if (f.lruList != LruList.NONE) {
                return;
            }
            f.setFlag(FolioFlag.LRU);
            (f.test(FolioFlag.ACTIVE) ? active : inactive).addHead(f);
            tracePage(f);
        }
    }

    /** The folio left its mapping (truncate, invalidate, eviction): off the LRU and uncounted. */
    void deleted(Folio f) {
        synchronized (lruLock) {
            if (f.lruList != LruList.NONE) {
                list(f.lruList).remove(f);
                f.clearFlag(FolioFlag.LRU);
            }
            tracePage(f); // evicted, truncated or invalidated: gone from the cache
        }
        f.changed(); // its host's cached pages changed even if reclaim had taken it off the list
        nrPages.decrementAndGet();
    }

    private FolioList list(LruList which) {
        return which == LruList.ACTIVE ? active : inactive;
    }

    // ---- access and activation -------------------------------------------------------------

    /**
     * folio_mark_accessed: inactive,unreferenced -> inactive,referenced -> active,unreferenced;
     * active,unreferenced -> active,referenced.
     */
    public void markAccessed(Folio f) {
        if (f.test(FolioFlag.UNEVICTABLE)) {
            return;
        }
        if (!f.test(FolioFlag.REFERENCED)) {
            f.setFlag(FolioFlag.REFERENCED);
            tracePage(f);
        } else if (!f.test(FolioFlag.ACTIVE)) {
            activate(f);
            f.clearFlag(FolioFlag.REFERENCED);
            nonresidentAge.incrementAndGet(); // workingset_activation
            tracePage(f);
        }
    }

    /** folio_activate: to the head of the active list. */
    private void activate(Folio f) {
        synchronized (lruLock) {
            if (f.lruList == LruList.INACTIVE) {
                inactive.remove(f);
                f.setFlag(FolioFlag.ACTIVE);
                active.addHead(f);
            } else {
                f.setFlag(FolioFlag.ACTIVE);
            }
        }
    }

    /**
     * workingset_eviction: the shadow entry left where the folio was: the non-resident age at
     * eviction, and whether it was part of the workingset (active before, or demoted from it).
     */
    long shadowFor(Folio f) {
        long age = nonresidentAge.incrementAndGet();
        boolean workingset = f.test(FolioFlag.WORKINGSET) || f.test(FolioFlag.ACTIVE);
        return (age << 1) | (workingset ? 1 : 0);
    }

    /**
     * workingset_refault: a folio comes back where a shadow was. If it was evicted no more than
     * the active list's size of evictions and activations ago, it goes straight to the active
     * list; if it had been part of the workingset, that is a restore.
     */
    void refault(Folio f, long shadow) {
        refaults.incrementAndGet();
        long distance = nonresidentAge.get() - (shadow >>> 1);
        long activeSize;
        synchronized (lruLock) {
            activeSize = active.size();
        }
        if (distance > activeSize) {
            return;
        }
        f.setFlag(FolioFlag.ACTIVE);
        nonresidentAge.incrementAndGet();
        activations.incrementAndGet();
        if ((shadow & 1) != 0) {
            f.setFlag(FolioFlag.WORKINGSET);
            restores.incrementAndGet();
        }
        tracePage(f); // activated at once; the folio_add_lru that follows puts it on the active list
    }

    /** folio_rotate_reclaimable: writeback ended on a folio reclaim wanted: to the inactive tail. */
    void rotateReclaimable(Folio f) {
        if (!f.testAndClear(FolioFlag.RECLAIM)) {
            return;
        }
        synchronized (lruLock) {
            if (f.lruList == LruList.INACTIVE) {
                inactive.remove(f);
                inactive.addTail(f);
                rotations.incrementAndGet();
            }
        }
    }

    // ---- dirty and writeback accounting ----------------------------------------------------

    void accountDirtied() {
        nrDirty.incrementAndGet();
    }

    void accountCleaned() {
        nrDirty.decrementAndGet();
    }

    void accountWritebackStart() {
        nrWriteback.incrementAndGet();
    }

    void accountWritebackEnd() {
        nrWriteback.decrementAndGet();
    }

    // ---- reclaim ---------------------------------------------------------------------------

    /**
     * Reclaim while the cache holds more than {@code cache_pages}: the limit is exceeded by at
     * most the batch that was just added. If a pass frees nothing because every candidate is
     * dirty, writeback is started and reclaim tries again (at most a few times, never waiting
     * forever).
     */
    public void reclaimIfNeeded() {
        for (int attempt = 0; attempt < 8; attempt++) {
            long excess = nrPages.get() - tunables.cachePages();
            if (excess <= 0) {
                return;
            }
            ReclaimResult r = shrink(Math.max(excess, 1));
            if (r.freed() == 0) {
                if (r.dirtySeen() == 0 && r.busySeen() == 0) {
                    return; // nothing reclaimable at all
                }
                writebackStarter.startWriteback();
            }
        }
    }

    /** What a reclaim pass did. */
    public record ReclaimResult(long scanned, long freed, long dirtySeen, long busySeen) {
    }

    /**
     * shrink_lruvec for the file lists: deactivate from the active tail while the inactive list
     * is low, then reclaim up to {@code nrToReclaim} from the inactive tail.
     */
    public ReclaimResult shrink(long nrToReclaim) {
        long scanned = 0;
        long freed = 0;
        long dirty = 0;
        long busy = 0;
        while (freed < nrToReclaim) {
            if (inactiveIsLow()) {
                shrinkActive(SWAP_CLUSTER_MAX);
            }
            List<Folio> batch = isolateInactive(SWAP_CLUSTER_MAX);
            if (batch.isEmpty()) {
                break;
            }
            List<Folio> keep = new ArrayList<>();
            for (Folio f : batch) {
                scanned++;
                switch (reclaimOne(f)) {
                    case FREED -> freed++;
                    case DIRTY -> {
                        dirty++;
                        keep.add(f);
                    }
                    case BUSY -> {
                        busy++;
                        keep.add(f);
                    }
                    case GONE -> {
                    }
                }
            }
            putback(keep);
            if (keep.size() == batch.size()) {
                break; // a whole batch could not be freed: let writeback catch up
            }
        }
        TraceSink t = trace;
        if (t != null && scanned > 0) {
            t.offer(new CacheShrink(clock.nanoTime(), CacheShrink.Cache.PAGES, CacheShrink.Trigger.SHRINKER,
                    scanned, freed));
        }
        return new ReclaimResult(scanned, freed, dirty, busy);
    }

    private enum Outcome { FREED, DIRTY, BUSY, GONE }

    /**
     * shrink_folio_list for one folio: locked or under writeback -> kept; dirty -> marked for
     * reclaim and left to the flusher; referenced but unmapped and clean -> freed all the same
     * (FOLIOREF_RECLAIM_CLEAN); clean -> removed with a shadow entry.
     */
    private Outcome reclaimOne(Folio f) {
        AddressSpace mapping = f.mapping();
        if (!f.tryLock()) {
            return Outcome.BUSY;
        }
        try {
            if (f.test(FolioFlag.WRITEBACK)) {
                f.setFlag(FolioFlag.RECLAIM);
                return Outcome.BUSY;
            }
            if (f.isDirty()) {
                f.setFlag(FolioFlag.RECLAIM);
                return Outcome.DIRTY;
            }
            f.clearFlag(FolioFlag.REFERENCED);
            if (!mapping.removeForReclaim(f)) {
                return Outcome.GONE;
            }
            evictions.incrementAndGet();
            return Outcome.FREED;
        } finally {
            f.unlock();
        }
    }

    private List<Folio> isolateInactive(int n) {
        List<Folio> out = new ArrayList<>(n);
        synchronized (lruLock) {
            while (out.size() < n) {
                Folio f = inactive.tail();
                if (f == null) {
                    break;
                }
                inactive.remove(f);
                out.add(f);
            }
        }
        return out;
    }

    /** move_folios_to_lru: kept folios go back to the head of their list (if still cached). */
    private void putback(List<Folio> keep) {
        synchronized (lruLock) {
            for (Folio f : keep) {
                if (f.lruList == LruList.NONE && f.cached) {
                    (f.test(FolioFlag.ACTIVE) ? active : inactive).addHead(f);
                }
            }
        }
    }

    /**
     * inactive_is_low: inactive x int_sqrt(10 x GiB of file cache) < active, the ratio being 1
     * below 1 GiB.
     */
    boolean inactiveIsLow() {
        synchronized (lruLock) {
            long total = active.size() + inactive.size();
            long gib = total >> (30 - Folio.PAGE_SHIFT);
            long ratio = gib == 0 ? 1 : (long) Math.sqrt(10.0 * gib);
            return inactive.size() * ratio < active.size();
        }
    }

    /**
     * shrink_active_list: folios from the active tail lose ACTIVE, gain WORKINGSET and go to
     * the inactive head (unmapped file folios have no PTE references to keep them).
     */
    void shrinkActive(int n) {
        synchronized (lruLock) {
            for (int i = 0; i < n; i++) {
                Folio f = active.tail();
                if (f == null) {
                    return;
                }
                active.remove(f);
                f.clearFlag(FolioFlag.ACTIVE);
                f.setFlag(FolioFlag.WORKINGSET);
                inactive.addHead(f);
                tracePage(f);
            }
        }
    }

    // ---- readahead bookkeeping -------------------------------------------------------------

    /** Records a readahead window (in pages) for the views and the scenario runner. */
    void noteReadaheadWindow(int pages) {
        readaheadWindows.incrementAndGet();
        synchronized (readaheadLog) {
            readaheadLog.add(pages);
            if (readaheadLog.size() > 4096) {
                readaheadLog.poll(); // bounded: the oldest unread windows go
            }
        }
    }

    /** The readahead windows issued since the previous call, oldest first. */
    public List<Integer> drainReadaheadWindows() {
        synchronized (readaheadLog) {
            List<Integer> out = new ArrayList<>(readaheadLog);
            readaheadLog.clear();
            return out;
        }
    }

    // ---- counters and views ----------------------------------------------------------------

    public long nrPages() {
        return nrPages.get();
    }

    public long nrDirty() {
        return nrDirty.get();
    }

    public long nrWriteback() {
        return nrWriteback.get();
    }

    public long nrActive() {
        synchronized (lruLock) {
            return active.size();
        }
    }

    public long nrInactive() {
        synchronized (lruLock) {
            return inactive.size();
        }
    }

    public long evictions() {
        return evictions.get();
    }

    /** workingset_refault. */
    public long refaults() {
        return refaults.get();
    }

    /** workingset_activate: refaults that went straight to the active list. */
    public long refaultActivations() {
        return activations.get();
    }

    /** workingset_restore: refaults of folios that had been in the workingset. */
    public long restores() {
        return restores.get();
    }

    public long nonresidentAge() {
        return nonresidentAge.get();
    }

    /** Folios on the LRU lists with {@code flag} set (a scan: for counters, not hot paths). */
    public long countFlag(FolioFlag flag) {
        synchronized (lruLock) {
            long n = 0;
            for (FolioList l : new FolioList[] {active, inactive}) {
                for (Folio f : l.headToTail()) {
                    if (f.test(flag)) {
                        n++;
                    }
                }
            }
            return n;
        }
    }

    /**
     * The folios whose flags or LRU place changed since the last incremental snapshot took them.
     * Off until a snapshot taker enables it.
     */
    public ChangeLog<Folio> changes() {
        return changes;
    }

    /**
     * For incremental trace snapshots: runs {@code reader} under the lru lock, so each changed
     * folio's list and stamp agree with the lists; the reader must only copy.
     */
    public void readForSnapshot(Runnable reader) {
        synchronized (lruLock) {
            reader.run();
        }
    }

    /** Both file LRU lists, head (newest) to tail, copied under one hold of the lru lock. */
    public record LruLists(List<Folio> active, List<Folio> inactive) {
    }

    /** Both lists at one moment: every folio on them shows exactly once. */
    public LruLists lruLists() {
        synchronized (lruLock) {
            return new LruLists(active.headToTail(), inactive.headToTail());
        }
    }

    /** The active list, head (newest) to tail, a copy taken under the lru lock. */
    public List<Folio> activeList() {
        synchronized (lruLock) {
            return active.headToTail();
        }
    }

    /** The inactive list, head (newest) to tail (next to reclaim), a copy. */
    public List<Folio> inactiveList() {
        synchronized (lruLock) {
            return inactive.headToTail();
        }
    }
}
