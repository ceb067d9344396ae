package org.vfscope.vfs.icache;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ObjIntConsumer;
import org.vfscope.vfs.Errno;
import org.vfscope.trace.CacheShrink;
import org.vfscope.trace.ChangeLog;
import org.vfscope.trace.InodeIoList;
import org.vfscope.trace.InodeStateChange;
import org.vfscope.trace.TraceSink;
import org.vfscope.vfs.Inode;
import org.vfscope.vfs.KernelClock;
import org.vfscope.vfs.ListLru;
import org.vfscope.vfs.SuperBlock;
import org.vfscope.vfs.VfsException;
import org.vfscope.mm.Writeback;

/**
 * The inode cache (fs/inode.c): a hash of (superblock, ino) to inode with I_NEW handling, the
 * per-superblock LRU of unused inodes, {@code iput} and eviction. One lock stands for
 * {@code inode_hash_lock}, the LRU lock and each inode's {@code i_lock}.
 */
public final class InodeCache {
    private record Key(SuperBlock sb, long ino) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    /** Inodes changed since the last incremental snapshot (see {@link #changes()}). */
    private final ChangeLog<Inode> changes = new ChangeLog<>();
    /** Woken when an inode leaves I_NEW or is unhashed after eviction. */
    private final Condition stateChanged = lock.newCondition();
    private final Map<Key, Inode> hash = new HashMap<>();
    private Writeback writeback;
    private volatile long nrInodes;
    private volatile long nrUnused;
    /** Where tracepoints write; null while nobody traces. */
    private volatile TraceSink trace;
    private KernelClock clock;

    /** Wired once by the kernel: eviction takes inodes off the writeback lists. */
    public void setWriteback(Writeback writeback) {
        this.writeback = writeback;
    }

    /**
     * The inodes whose snapshot-visible state changed since the last incremental snapshot took
     * them ({@link Inode#snapshotChanged}). Off until a snapshot taker enables it.
     */
    public ChangeLog<Inode> changes() {
        return changes;
    }

    /**
     * For incremental trace snapshots: runs {@code reader} under the inode cache lock (it reads
     * changed inodes' states and LRU places, and must only copy), then returns the counters.
     */
    public InodeStats readForSnapshot(Runnable reader) {
        lock.lock();
        try {
            reader.run();
            return stats();
        } finally {
            lock.unlock();
        }
    }

    /** Wired by the kernel: the sink for tracepoints (null: off) and the clock stamping them. */
    public void setTrace(TraceSink sink, KernelClock clock) {
        this.clock = clock;
        this.trace = sink; // written last: a reader that sees the sink sees the clock
    }

    /**
     * iget_locked: the cached inode for (sb, ino), referenced, waiting while another thread sets
     * it up. On a miss a new inode is hashed with I_NEW set: the caller fills it in, then calls
     * {@link #unlockNew} (or {@link #igetFailed}).
     */
    public Inode iget(SuperBlock sb, long ino) {
        Key key = new Key(sb, ino);
        lock.lock();
        try {
            while (true) {
                Inode inode = hash.get(key);
                if (inode == null) {
                    return hashNewLocked(sb, key);
                }
                if (inode.hasState(InodeState.I_FREEING) || inode.hasState(InodeState.I_WILL_FREE)
                        || inode.hasState(InodeState.I_NEW)) {
                    // __wait_on_freeing_inode / wait_on_inode: then look again.
                    stateChanged.awaitUninterruptibly();
                    continue;
                }
                inode.refGet();
                return inode;
            }
        } finally {
            lock.unlock();
        }
    }

    /** alloc_inode + hash with I_NEW set; the caller holds the lock. */
    private Inode hashNewLocked(SuperBlock sb, Key key) {
        Inode fresh = sb.ops().allocInode(sb, key.ino());
        fresh.setState(InodeState.I_NEW);
        fresh.setHashed(true);
        hash.put(key, fresh);
        sb.inodes().add(fresh);
        nrInodes++;
        return fresh;
    }

    /** ilookup: the cached inode, referenced, or null. Does not create. */
    public Inode find(SuperBlock sb, long ino) {
        Key key = new Key(sb, ino);
        lock.lock();
        try {
            while (true) {
                Inode inode = hash.get(key);
                if (inode == null) {
                    return null;
                }
                if (inode.hasState(InodeState.I_FREEING) || inode.hasState(InodeState.I_NEW)) {
                    stateChanged.awaitUninterruptibly();
                    continue;
                }
                inode.refGet();
                return inode;
            }
        } finally {
            lock.unlock();
        }
    }

    /** unlock_new_inode: the inode is set up; waiters may use it. */
    public void unlockNew(Inode inode) {
        Set<InodeState> old;
        lock.lock();
        try {
            old = stateIfTraced(inode);
            inode.clearState(InodeState.I_NEW);
            stateChanged.signalAll();
        } finally {
            lock.unlock();
        }
        if (old != null) {
            // Outside the lock: the writeback list lock nests outside it.
            traceState(inode, old, writeback == null ? InodeIoList.NONE : InodeIoList.of(writeback.ioListOf(inode)));
        }
    }

    /** iget_failed: reading the inode failed; it is unhashed and destroyed. */
    public void igetFailed(Inode inode) {
        lock.lock();
        try {
            hash.remove(new Key(inode.sb(), inode.ino()), inode);
            inode.setHashed(false);
            inode.sb().inodes().remove(inode);
            nrInodes--;
            inode.clearState(InodeState.I_NEW);
            stateChanged.signalAll();
        } finally {
            lock.unlock();
        }
        inode.sb().ops().destroyInode(inode);
    }

    /** ihold: another reference on an inode the caller already holds. */
    public void ihold(Inode inode) {
        inode.refGet();
    }

    /**
     * iput: drops a reference; the last one runs iput_final. There the filesystem decides
     * (->drop_inode) whether to evict now or keep the inode cached; a cached one joins the LRU
     * only when it is clean, not syncing and has no pages left.
     */
    public void iput(Inode inode) {
        if (inode.refPutUnlessLast()) {
            return;
        }
        boolean writeFirst;
        lock.lock();
        try {
            if (inode.refPut() > 0) {
                return;
            }
            SuperBlock sb = inode.sb();
            boolean drop = sb.ops().dropInode(inode);
            if (!drop && !inode.hasState(InodeState.I_DONTCACHE) && sb.isActive()) {
                addLruLocked(inode, true);
                return;
            }
            if (inode.hasState(InodeState.I_FREEING)) {
                return;
            }
            lruDel(inode);
            // Still linked but not to be cached: write it out before it goes (I_WILL_FREE).
            writeFirst = !drop;
            inode.setState(writeFirst ? InodeState.I_WILL_FREE : InodeState.I_FREEING);
        } finally {
            lock.unlock();
        }
        if (writeFirst) {
            try {
                writeback.writebackSingleInode(inode, org.vfscope.mm.WritebackControl.syncAll(), false);
            } finally {
                lock.lock();
                try {
                    inode.clearState(InodeState.I_WILL_FREE);
                    inode.setState(InodeState.I_FREEING);
                } finally {
                    lock.unlock();
                }
            }
        }
        evict(inode);
    }

    /**
     * inode_add_lru: called when an unused inode became clean or lost its last page. Joins the
     * LRU only if nothing still pins it.
     */
    public void addLru(Inode inode) {
        lock.lock();
        try {
            addLruLocked(inode, false);
        } finally {
            lock.unlock();
        }
    }

    /** __inode_add_lru; with {@code rotate}, an inode already on the LRU gets I_REFERENCED. */
    private void addLruLocked(Inode inode, boolean rotate) {
        if (inode.hasAnyState(InodeState.DIRTY_ALL) || inode.hasState(InodeState.I_SYNC)
                || inode.hasState(InodeState.I_FREEING) || inode.hasState(InodeState.I_WILL_FREE)
                || inode.count() != 0 || !inode.sb().isActive() || !inode.isHashed()
                || inode.mapping().nrpages() != 0) {
            return;
        }
        Set<InodeState> old = stateIfTraced(inode);
        if (inode.sb().inodeLru().add(inode)) {
            nrUnused++;
            inode.snapshotChanged();
        } else if (rotate && !inode.hasState(InodeState.I_REFERENCED)) {
            inode.setState(InodeState.I_REFERENCED);
        } else {
            return;
        }
        traceState(inode, old, InodeIoList.NONE); // clean, so on no writeback list
    }

    private void lruDel(Inode inode) {
        if (inode.sb().inodeLru().remove(inode)) {
            nrUnused--;
            inode.snapshotChanged(); // its LRU place shows in snapshots, and the others' positions
        }
    }

    public boolean isOnLru(Inode inode) {
        lock.lock();
        try {
            return inode.sb().inodeLru().contains(inode);
        } finally {
            lock.unlock();
        }
    }

    /**
     * prune_icache_sb: scans up to {@code nrToScan} inodes from the LRU head. Busy or dirty:
     * taken off lazily. I_REFERENCED: cleared and rotated. Pages left: dropped (inode steal),
     * then the inode is looked at again while the budget lasts. Otherwise evicted. Returns inodes freed.
     */
    public long prune(SuperBlock sb, long nrToScan) {
        return prune(sb, nrToScan, CacheShrink.Trigger.SHRINKER);
    }

    /** {@link #prune(SuperBlock, long)}, traced as a pass asked for by {@code trigger}. */
    public long prune(SuperBlock sb, long nrToScan, CacheShrink.Trigger trigger) {
        List<Inode> dispose = new ArrayList<>();
        long[] scanned = {0};
        lock.lock();
        try {
            sb.inodeLru().walk(inode -> {
                scanned[0]++;
                if (inode.count() > 0 || inode.hasAnyState(InodeState.DIRTY_ALL)
                        || inode.hasState(InodeState.I_SYNC) || inode.hasState(InodeState.I_FREEING)) {
                    lruDel(inode);
                    return ListLru.Status.REMOVED;
                }
                if (inode.hasState(InodeState.I_REFERENCED)) {
                    Set<InodeState> old = stateIfTraced(inode);
                    inode.clearState(InodeState.I_REFERENCED);
                    traceState(inode, old, InodeIoList.NONE); // clean, as checked above
                    return ListLru.Status.ROTATE;
                }
                if (inode.mapping().nrpages() > 0) {
                    // Inode steal as inode_lru_isolate does it: drop the lock, drop the clean
                    // pages, retake the lock and look at the inode again (LRU_RETRY, costs budget).
                    // A reference pins it meanwhile, so unmount's evict_inodes leaves it alone.
                    inode.refGet();
                    lock.unlock();
                    try {
                        inode.mapping().invalidateClean();
                    } finally {
                        lock.lock();
                        inode.refPut();
                    }
                    return ListLru.Status.RETRY;
                }
                lruDel(inode);
                inode.setState(InodeState.I_FREEING);
                dispose.add(inode);
                return ListLru.Status.REMOVED;
            }, nrToScan);
        } finally {
            lock.unlock();
        }
        for (Inode inode : dispose) {
            evict(inode);
        }
        TraceSink t = trace;
        if (t != null) {
            t.offer(new CacheShrink(clock.nanoTime(), CacheShrink.Cache.INODES, trigger, scanned[0], dispose.size()));
        }
        return dispose.size();
    }

    /**
     * evict_inodes, at unmount: evicts every unused inode of the superblock. Returns how many
     * were still in use and left alone.
     */
    public int evictAll(SuperBlock sb) {
        List<Inode> dispose = new ArrayList<>();
        int busy = 0;
        lock.lock();
        try {
            for (Inode inode : new ArrayList<>(sb.inodes())) {
                if (inode.count() > 0 || inode.hasState(InodeState.I_FREEING)
                        || inode.hasState(InodeState.I_NEW)) {
                    busy++;
                    continue;
                }
                lruDel(inode);
                inode.setState(InodeState.I_FREEING);
                dispose.add(inode);
            }
        } finally {
            lock.unlock();
        }
        for (Inode inode : dispose) {
            evict(inode);
        }
        return busy;
    }

    /**
     * evict: off the writeback lists and the superblock list, ->evict_inode (pages truncated,
     * I_CLEAR), unhashed (waking lookups that waited on I_FREEING), ->destroy_inode.
     */
    private void evict(Inode inode) {
        if (writeback != null) {
            writeback.removeFromLists(inode);
        }
        Set<InodeState> freeing = stateIfTraced(inode);
        if (freeing != null) {
            // Every caller set I_FREEING just before: that is the change recorded here.
            Set<InodeState> before = EnumSet.copyOf(freeing);
            before.remove(InodeState.I_FREEING);
            traceState(inode, before, InodeIoList.NONE);
        }
        try {
            inode.sb().ops().evictInode(inode);
        } finally {
            lock.lock();
            try {
                inode.setState(InodeState.I_CLEAR);
                hash.remove(new Key(inode.sb(), inode.ino()), inode);
                inode.setHashed(false);
                inode.sb().inodes().remove(inode);
                nrInodes--;
                stateChanged.signalAll();
            } finally {
                lock.unlock();
            }
            traceState(inode, freeing, InodeIoList.NONE);
            inode.sb().ops().destroyInode(inode);
        }
    }

    /** insert_inode_hash: makes an unhashed inode findable again. */
    public void insertHash(Inode inode) {
        lock.lock();
        try {
            hash.put(new Key(inode.sb(), inode.ino()), inode);
            inode.setHashed(true);
        } finally {
            lock.unlock();
        }
    }

    /** remove_inode_hash: nothing will find the inode again (used for unlinked inodes). */
    public void unhash(Inode inode) {
        lock.lock();
        try {
            if (hash.remove(new Key(inode.sb(), inode.ino()), inode)) {
                inode.setHashed(false);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * insert_inode_locked for a freshly created inode: hashes it with I_NEW. EBUSY if a live
     * inode with that number exists (the filesystem handed out a number twice).
     */
    public Inode insertNew(SuperBlock sb, long ino) {
        Key key = new Key(sb, ino);
        lock.lock();
        try {
            while (true) {
                Inode old = hash.get(key);
                if (old == null) {
                    break;
                }
                if (old.hasState(InodeState.I_FREEING)) {
                    stateChanged.awaitUninterruptibly();
                    continue;
                }
                throw new VfsException(Errno.EBUSY, "inode " + ino + " on " + sb.id(), "inode number in use");
            }
            return hashNewLocked(sb, key);
        } finally {
            lock.unlock();
        }
    }

    /** The inode's state bits now, or null while nobody traces (then no event is built). */
    private Set<InodeState> stateIfTraced(Inode inode) {
        return trace == null ? null : inode.state();
    }

    /** Records that the inode went from {@code old} (null: untraced) to its state now. */
    private void traceState(Inode inode, Set<InodeState> old, InodeIoList ioList) {
        TraceSink t = trace;
        if (old != null && t != null) {
            t.offer(new InodeStateChange(clock.nanoTime(), inode.sb().dev(), inode.ino(), old, inode.state(),
                    inode.count(), ioList));
        }
    }

    /** nr_inodes: inodes in the cache. */
    public long nrInodes() {
        return nrInodes;
    }

    /** Inodes cached and inodes on LRUs (/proc/sys/fs/inode-state). */
    public InodeStats stats() {
        return new InodeStats(nrInodes, nrUnused);
    }

    /** list_lru_shrink_count: how many are on the superblock's LRU, without copying it. */
    public int lruCount(SuperBlock sb) {
        lock.lock();
        try {
            return sb.inodeLru().size();
        } finally {
            lock.unlock();
        }
    }

    /** The superblock's inode LRU from head to tail, a copy. */
    public List<Inode> lruSnapshot(SuperBlock sb) {
        lock.lock();
        try {
            return sb.inodeLru().snapshot();
        } finally {
            lock.unlock();
        }
    }

    /**
     * For trace snapshots: offers every inode of {@code sbs} (s_inodes, in no particular order)
     * to {@code copier} with its position on its superblock's inode LRU counted from the head (-1
     * when off it), then returns the counters. All under the inode cache lock, so states and LRU
     * agree; the copier runs with the lock held and must only copy (no wb list_lock: it nests
     * outside i_lock).
     */
    public InodeStats copyForSnapshot(List<SuperBlock> sbs, ObjIntConsumer<Inode> copier) {
        lock.lock();
        try {
            for (SuperBlock sb : sbs) {
                // The LRU first with its positions, then the rest: no map from inode to position.
                ListLru<Inode> lru = sb.inodeLru();
                lru.forEachWithPosition(copier);
                synchronized (sb.inodes()) {
                    for (Inode inode : sb.inodes()) {
                        if (!lru.contains(inode)) {
                            copier.accept(inode, -1);
                        }
                    }
                }
            }
            return stats();
        } finally {
            lock.unlock();
        }
    }
}
