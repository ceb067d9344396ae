package org.vfscope.mm;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.vfscope.trace.InodeIoList;
import org.vfscope.trace.InodeStateChange;
import org.vfscope.trace.ThrottlePause;
import org.vfscope.trace.TraceSink;
import org.vfscope.trace.WritebackSingleInode;
import org.vfscope.vfs.Inode;
import org.vfscope.vfs.Kernel;
import org.vfscope.vfs.KernelClock;
import org.vfscope.vfs.SuperBlock;
import org.vfscope.vfs.icache.InodeState;

/**
 * Inode dirtying, writeback and dirty throttling (fs/fs-writeback.c, mm/page-writeback.c).
 * {@code __mark_inode_dirty} queues an inode on b_dirty stamped with {@code dirtied_when} and arms
 * the flusher's timer; the flusher ({@link #wbWorkfn}) runs every {@code dirty_writeback} interval
 * while anything is dirty, writing inodes dirtied more than {@code dirty_expire} ago ("kupdate"),
 * then writing on while dirty memory is above the background threshold. {@link #queueIo}
 * splices b_more_io and the expired part of b_dirty onto b_io; after a pass an inode goes back to
 * b_dirty (redirty_tail), to b_more_io (chunk used up), to b_dirty_time (only timestamps left) or
 * off the lists (clean). Writers that dirty too much are paused in
 * {@link #balanceDirtyPagesRatelimited}.
 */
public final class Writeback {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Writeback.class);
    /** MAX_WRITEBACK_PAGES: one inode gets at most this many pages per pass before others' turn. */
    static final long WRITE_CHUNK = 1024;
    /** MAX_PAUSE: the longest a dirtying task is paused at once (200 ms). */
    static final long MAX_PAUSE_NANOS = 200_000_000L;
    /** dirtytime_expire_interval: lazytime timestamps are written after 12 hours. */
    static final long DIRTYTIME_EXPIRE_NANOS = 12L * 3600 * 1_000_000_000L;

    /** Why a pass runs (enum wb_reason). */
    public enum Reason { KUPDATE, BACKGROUND, SYNC, FSYNC, RECLAIM }

    private final Kernel kernel;
    private final KernelClock clock;
    /** wb->list_lock; also what waiters for I_SYNC wait on. */
    private final Object listLock = new Object();
    private final AtomicBoolean timerArmed = new AtomicBoolean();
    private final AtomicBoolean backgroundQueued = new AtomicBoolean();
    private final AtomicLong pagesWritten = new AtomicLong();
    private final AtomicLong throttlePauses = new AtomicLong();
    private final AtomicLong throttleNanos = new AtomicLong();
    private volatile long lastKupdate;
    /** Where tracepoints write; null while nobody traces. */
    private volatile TraceSink trace;

    public Writeback(Kernel kernel) {
        this.kernel = kernel;
        this.clock = kernel.clock();
    }

    /** Wired by the kernel: the sink for tracepoints, null to turn them off. */
    public void setTrace(TraceSink sink) {
        this.trace = sink;
    }

    private VmTunables tunables() {
        return kernel.tunables();
    }

    private PageCache pageCache() {
        return kernel.pageCache();
    }

    // ---- dirtying ----------------------------------------------------------------------------

    /**
     * __mark_inode_dirty: sets the flag; the first dirtying stamps dirtied_when and queues the
     * inode on b_dirty (b_dirty_time for timestamps only), later ones only add flags. Unhashed
     * inodes are never queued. Arms the flusher's timer (wb_wakeup_delayed).
     */
    public void markInodeDirty(Inode inode, InodeState flag) {
        inode.sb().ops().dirtyInode(inode, EnumSet.of(flag));
        synchronized (listLock) {
            if (inode.hasState(flag)) {
                return;
            }
            // I_DIRTY in the kernel: timestamps alone do not count as dirty.
            boolean wasDirty = inode.hasAnyState(DIRTY_NOT_TIME);
            if (flag == InodeState.I_DIRTY_TIME && wasDirty) {
                return; // the inode will be written anyway, timestamps with it
            }
            Set<InodeState> old = stateIfTraced(inode);
            inode.setState(flag);
            if (flag != InodeState.I_DIRTY_TIME) {
                inode.clearState(InodeState.I_DIRTY_TIME);
            }
            if (wasDirty || !inode.isHashed() || inode.hasState(InodeState.I_FREEING)
                    || inode.hasState(InodeState.I_SYNC)) {
                traceState(inode, old);
                return; // queued already, never queued, or requeued when its writeback ends
            }
            inode.setDirtiedWhen(clock.nanoTime());
            BdiWriteback wb = inode.sb().wb();
            wb.remove(inode);
            wb.list(flag == InodeState.I_DIRTY_TIME ? BdiWriteback.IoList.B_DIRTY_TIME
                    : BdiWriteback.IoList.B_DIRTY).add(inode);
            traceState(inode, old);
        }
        wakeupDelayed();
    }

    private static final Set<InodeState> DIRTY_NOT_TIME =
            EnumSet.of(InodeState.I_DIRTY_SYNC, InodeState.I_DIRTY_DATASYNC, InodeState.I_DIRTY_PAGES);

    /** The writeback list the inode sits on, or null. */
    public BdiWriteback.IoList ioListOf(Inode inode) {
        synchronized (listLock) {
            return inode.sb().wb().listOf(inode);
        }
    }

    /** Inodes of {@code sb} on any writeback list. */
    public int dirtyInodeCount(SuperBlock sb) {
        synchronized (listLock) {
            return sb.wb().all().size();
        }
    }

    /** The inodes on one list of {@code sb}, oldest first, a copy. */
    public List<Inode> listSnapshot(SuperBlock sb, BdiWriteback.IoList which) {
        synchronized (listLock) {
            return new ArrayList<>(sb.wb().list(which));
        }
    }

    /**
     * All four lists of {@code sb} (b_dirty, b_io, b_more_io, b_dirty_time), oldest first, copied
     * under one hold of the list lock: an inode moving between lists shows on exactly one.
     */
    public Map<BdiWriteback.IoList, List<Inode>> listsSnapshot(SuperBlock sb) {
        Map<BdiWriteback.IoList, List<Inode>> out = new EnumMap<>(BdiWriteback.IoList.class);
        synchronized (listLock) {
            for (BdiWriteback.IoList which : BdiWriteback.IoList.values()) {
                out.put(which, new ArrayList<>(sb.wb().list(which)));
            }
        }
        return out;
    }

    /** inode_io_list_del: called on eviction. */
    public void removeFromLists(Inode inode) {
        synchronized (listLock) {
            inode.sb().wb().remove(inode);
        }
    }

    // ---- writing one inode -------------------------------------------------------------------

    /**
     * writeback_single_inode for sync and fsync (WB_SYNC_ALL): waits for a writeback already
     * running on the inode (I_SYNC), then writes its pages in the range and its metadata unless
     * a datasync does not need it, and requeues it.
     */
    public void writebackSingleInode(Inode inode, WritebackControl wbc, boolean datasync) {
        synchronized (listLock) {
            waitForSync(inode);
            inode.setState(InodeState.I_SYNC);
        }
        try {
            long written = writeInodeLocked(inode, wbc, datasync);
            traceWriteback(inode, written, Reason.SYNC); // sync, fsync, or iput_final writing it out
        } finally {
            finishInode(inode, wbc, false);
        }
    }

    /** inode_wait_for_writeback: the caller holds the list lock. */
    private void waitForSync(Inode inode) {
        boolean interrupted = false;
        while (inode.hasState(InodeState.I_SYNC)) {
            try {
                listLock.wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** __writeback_single_inode: pages first, then the inode if its metadata needs writing. */
    private long writeInodeLocked(Inode inode, WritebackControl wbc, boolean datasync) {
        long written = inode.mapping().writeDirty(wbc);
        pagesWritten.addAndGet(written);
        boolean writeMeta;
        synchronized (listLock) {
            if (inode.mapping().nrDirty() == 0) {
                inode.clearState(InodeState.I_DIRTY_PAGES);
            }
            boolean timeExpired = inode.hasState(InodeState.I_DIRTY_TIME)
                    && (wbc.isSyncAll() || clock.nanoTime() - inode.dirtiedWhen() >= DIRTYTIME_EXPIRE_NANOS);
            writeMeta = inode.hasState(InodeState.I_DIRTY_DATASYNC)
                    || (!datasync && (inode.hasState(InodeState.I_DIRTY_SYNC) || timeExpired));
            if (writeMeta) {
                inode.clearState(InodeState.I_DIRTY_SYNC);
                inode.clearState(InodeState.I_DIRTY_DATASYNC);
                inode.clearState(InodeState.I_DIRTY_TIME);
            }
        }
        if (writeMeta) {
            inode.sb().ops().writeInode(inode, wbc);
        }
        return written;
    }

    /**
     * requeue_inode + inode_sync_complete: where the inode goes after a pass, then I_SYNC
     * cleared, waiters woken, and a clean unused inode offered to the inode LRU.
     */
    private void finishInode(Inode inode, WritebackControl wbc, boolean fromList) {
        synchronized (listLock) {
            Set<InodeState> old = stateIfTraced(inode);
            inode.clearState(InodeState.I_SYNC);
            BdiWriteback wb = inode.sb().wb();
            if (!inode.isHashed() || inode.hasState(InodeState.I_FREEING)) {
                wb.remove(inode);
            } else if (inode.hasState(InodeState.I_DIRTY_PAGES) && inode.mapping().nrDirty() > 0) {
                if (fromList && wbc.nrToWrite() <= 0) {
                    wb.remove(inode);
                    wb.list(BdiWriteback.IoList.B_MORE_IO).add(inode); // chunk used up: next turn soon
                } else {
                    redirtyTail(wb, inode);
                }
            } else if (inode.hasAnyState(DIRTY_NOT_TIME)) {
                redirtyTail(wb, inode);
            } else if (inode.hasState(InodeState.I_DIRTY_TIME)) {
                wb.remove(inode);
                wb.list(BdiWriteback.IoList.B_DIRTY_TIME).add(inode);
            } else {
                inode.clearState(InodeState.I_DIRTY_PAGES);
                wb.remove(inode);
            }
            traceState(inode, old);
            listLock.notifyAll();
        }
        kernel.icache().addLru(inode);
    }

    /**
     * redirty_tail: back to b_dirty as its newest member; an inode older than the newest there
     * gets dirtied_when = now, so b_dirty stays ordered by age.
     */
    private void redirtyTail(BdiWriteback wb, Inode inode) {
        wb.remove(inode);
        Inode newest = null;
        for (Inode i : wb.bDirty) {
            newest = i;
        }
        if (newest != null && inode.dirtiedWhen() < newest.dirtiedWhen()) {
            inode.setDirtiedWhen(clock.nanoTime());
        }
        wb.bDirty.add(inode);
    }

    // ---- passes over a filesystem ------------------------------------------------------------

    /** sync_inodes_sb: every dirty inode of the filesystem, waiting for each (WB_SYNC_ALL). */
    public void syncInodes(SuperBlock sb) {
        writebackSb(sb, Reason.SYNC, Long.MAX_VALUE, Long.MAX_VALUE, true);
    }

    /**
     * queue_io: b_more_io goes onto b_io, then the b_dirty inodes dirtied at or before
     * {@code dirtiedBefore}, oldest first, and b_dirty_time inodes whose timestamps expired.
     */
    private void queueIo(BdiWriteback wb, long dirtiedBefore, boolean includeTime) {
        wb.bIo.addAll(wb.bMoreIo);
        wb.bMoreIo.clear();
        moveExpired(wb.bDirty, wb.bIo, dirtiedBefore);
        long timeCutoff = includeTime ? Long.MAX_VALUE : clock.nanoTime() - DIRTYTIME_EXPIRE_NANOS;
        moveExpired(wb.bDirtyTime, wb.bIo, timeCutoff);
    }

    private static void moveExpired(Set<Inode> from, Set<Inode> to, long dirtiedBefore) {
        Iterator<Inode> it = from.iterator();
        while (it.hasNext()) {
            Inode inode = it.next();
            if (inode.dirtiedWhen() > dirtiedBefore) {
                break; // ordered by age: the rest are younger
            }
            it.remove();
            to.add(inode);
        }
    }

    /**
     * wb_writeback / writeback_sb_inodes over one filesystem: queue_io, then each b_io inode in
     * turn for up to {@link #WRITE_CHUNK} pages. A background pass stops once dirty memory is
     * back under the background threshold. Returns pages written.
     */
    long writebackSb(SuperBlock sb, Reason reason, long dirtiedBefore, long budget, boolean syncAll) {
        long written = 0;
        BdiWriteback wb = sb.wb();
        synchronized (listLock) {
            queueIo(wb, dirtiedBefore, syncAll);
        }
        while (written < budget) {
            if (reason == Reason.BACKGROUND && !overBackgroundThresh()) {
                break;
            }
            Inode inode;
            synchronized (listLock) {
                Iterator<Inode> it = wb.bIo.iterator();
                if (!it.hasNext()) {
                    break;
                }
                inode = it.next();
                it.remove();
                if (inode.hasState(InodeState.I_FREEING) || inode.hasState(InodeState.I_WILL_FREE)) {
                    continue;
                }
                if (inode.hasState(InodeState.I_SYNC)) {
                    if (!syncAll) {
                        wb.bMoreIo.add(inode); // someone is writing it: try again next round
                        continue;
                    }
                    waitForSync(inode);
                }
                inode.setState(InodeState.I_SYNC);
            }
            WritebackControl wbc = syncAll ? WritebackControl.syncAll()
                    : new WritebackControl(WritebackControl.SyncMode.WB_SYNC_NONE,
                    Math.min(WRITE_CHUNK, budget - written), 0, Long.MAX_VALUE);
            try {
                long n = writeInodeLocked(inode, wbc, false);
                written += n;
                traceWriteback(inode, n, reason);
            } finally {
                finishInode(inode, wbc, true);
            }
        }
        return written;
    }

    // ---- the flusher ---------------------------------------------------------------------------

    /** wb_wakeup_delayed: the flusher runs one dirty_writeback interval from now. */
    private void wakeupDelayed() {
        int centisecs = tunables().dirtyWritebackCentisecs();
        if (centisecs == 0 || !timerArmed.compareAndSet(false, true)) {
            return;
        }
        clock.schedule(centisecs * 10_000_000L, () -> {
            timerArmed.set(false);
            logFailures("kupdate writeback", this::wbWorkfn);
        });
    }

    /**
     * wb_workfn: kupdate-style writeback of inodes dirtied more than dirty_expire ago, then
     * background writeback while over the background threshold; re-armed while anything is
     * still dirty.
     */
    void wbWorkfn() {
        long now = clock.nanoTime();
        lastKupdate = now;
        long expireNanos = tunables().dirtyExpireCentisecs() * 10_000_000L;
        for (SuperBlock sb : kernel.superBlocks()) {
            if (!sb.isReadOnly() && !sb.isFrozen()) {
                writebackSb(sb, Reason.KUPDATE, now - expireNanos, Long.MAX_VALUE, false);
            }
        }
        backgroundWriteback();
        if (anythingDirty()) {
            wakeupDelayed();
        }
    }

    /** wb_start_background_writeback: queue one background pass unless one is queued. */
    public void startBackgroundWriteback() {
        if (backgroundQueued.compareAndSet(false, true)) {
            clock.execute(() -> {
                backgroundQueued.set(false);
                logFailures("background writeback", this::backgroundWriteback);
            });
        }
    }

    private void backgroundWriteback() {
        for (int round = 0; round < 64 && overBackgroundThresh(); round++) {
            long written = 0;
            for (SuperBlock sb : kernel.superBlocks()) {
                if (!sb.isReadOnly() && !sb.isFrozen()) {
                    written += writebackSb(sb, Reason.BACKGROUND, Long.MAX_VALUE, Long.MAX_VALUE, false);
                }
            }
            if (written == 0) {
                return;
            }
        }
    }

    /** Work on the kworker has no caller to report to: errors are logged, the worker lives on. */
    private static void logFailures(String what, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.warn("{} failed: {}", what, e.getMessage(), e);
        }
    }

    private boolean anythingDirty() {
        for (SuperBlock sb : kernel.superBlocks()) {
            if (dirtyInodeCount(sb) > 0) {
                return true;
            }
        }
        return false;
    }

    // ---- thresholds and throttling -------------------------------------------------------------

    /** The dirtyable memory: what the page cache may hold (free + file cache in Linux). */
    private long dirtyable() {
        return tunables().cachePages();
    }

    /** background_thresh, in pages; at most half of dirty_thresh, as domain_dirty_limits caps it. */
    public long backgroundThresh() {
        long bg = dirtyable() * tunables().dirtyBackgroundRatio() / 100;
        long thresh = dirtyThresh();
        return bg >= thresh ? thresh / 2 : bg;
    }

    /** dirty_thresh, in pages: where writers are throttled hardest. */
    public long dirtyThresh() {
        return dirtyable() * tunables().dirtyRatio() / 100;
    }

    boolean overBackgroundThresh() {
        return pageCache().nrDirty() > backgroundThresh();
    }

    /**
     * balance_dirty_pages: below the freerun ceiling ((thresh + bg) / 2) a writer goes on
     * freely; above it, it is paused, more the closer dirty memory is to dirty_thresh, up to
     * 200 ms at a time, until it is below the limit. Over the background threshold, background
     * writeback is started at once.
     */
    public void balanceDirtyPagesRatelimited() {
        for (int round = 0; round < 50; round++) {
            PageCache pc = pageCache();
            long reclaimable = pc.nrDirty();
            long dirty = reclaimable + pc.nrWriteback();
            long bg = backgroundThresh();
            long thresh = dirtyThresh();
            if (reclaimable > bg) {
                startBackgroundWriteback();
            }
            long freerun = (thresh + bg) / 2;
            if (dirty <= freerun) {
                return;
            }
            long pause = dirty >= thresh ? MAX_PAUSE_NANOS
                    : MAX_PAUSE_NANOS * (dirty - freerun) / Math.max(1, thresh - freerun);
            throttlePauses.incrementAndGet();
            throttleNanos.addAndGet(pause);
            TraceSink t = trace;
            if (t != null) {
                t.offer(new ThrottlePause(clock.nanoTime(), pause));
            }
            clock.sleepNanos(pause);
            if (pc.nrDirty() + pc.nrWriteback() < thresh) {
                return;
            }
        }
    }

    // ---- tracepoints ---------------------------------------------------------------------------

    /** The inode's state bits now, or null while nobody traces (then no event is built). */
    private Set<InodeState> stateIfTraced(Inode inode) {
        return trace == null ? null : inode.state();
    }

    /** Records the inode's change from {@code old} (null: untraced); the caller holds the list lock. */
    private void traceState(Inode inode, Set<InodeState> old) {
        TraceSink t = trace;
        if (old != null && t != null) {
            t.offer(new InodeStateChange(clock.nanoTime(), inode.sb().dev(), inode.ino(), old, inode.state(),
                    inode.count(), InodeIoList.of(inode.sb().wb().listOf(inode))));
        }
    }

    /** writeback_single_inode: one inode's turn in a pass is over. */
    private void traceWriteback(Inode inode, long pages, Reason reason) {
        TraceSink t = trace;
        if (t != null) {
            WritebackSingleInode.Reason why = switch (reason) {
                case KUPDATE -> WritebackSingleInode.Reason.KUPDATE;
                case BACKGROUND -> WritebackSingleInode.Reason.BACKGROUND;
                case SYNC, FSYNC -> WritebackSingleInode.Reason.SYNC;
                case RECLAIM -> WritebackSingleInode.Reason.RECLAIM;
            };
            t.offer(new WritebackSingleInode(clock.nanoTime(), inode.sb().dev(), inode.ino(), pages, why));
        }
    }

    // ---- counters ------------------------------------------------------------------------------

    public long pagesWritten() {
        return pagesWritten.get();
    }

    public long throttlePauses() {
        return throttlePauses.get();
    }

    public long throttleNanos() {
        return throttleNanos.get();
    }

    /** When the flusher last ran its kupdate pass (clock nanoseconds). */
    public long lastKupdate() {
        return lastKupdate;
    }

    /** Whether the flusher's timer is armed (it runs one interval after the first dirtying). */
    public boolean timerArmed() {
        return timerArmed.get();
    }
}
