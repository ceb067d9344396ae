package org.vfscope.vfs.dcache;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ObjIntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vfscope.trace.CacheShrink;
import org.vfscope.trace.ChangeLog;
import org.vfscope.trace.DentryLookup;
import org.vfscope.trace.DentryState;
import org.vfscope.trace.DentryStateChange;
import org.vfscope.trace.TraceSink;
import org.vfscope.vfs.Inode;
import org.vfscope.vfs.KernelClock;
import org.vfscope.vfs.ListLru;
import org.vfscope.vfs.SuperBlock;
import org.vfscope.vfs.icache.InodeCache;
import org.vfscope.vfs.lock.SeqLock;

/**
 * The dentry cache (fs/dcache.c). A hash of (parent, name) to dentry that lockless walkers read
 * without taking references; per-superblock LRUs of unused dentries with lazy removal and the
 * REFERENCED second chance; negative dentries; the shrinker; and {@code rename_lock}.
 *
 * <p>Structural changes (hashing, the tree, LRUs, counts reaching zero, kills) happen under one
 * lock, the role the 2.6-era {@code dcache_lock} played; the hot path (hash lookup and reference
 * count) is lock-free, as with RCU and lockref. Inodes released by kills are iput after the lock
 * is dropped, because eviction calls into the filesystem.
 */
public final class Dcache {
    private static final Logger LOG = LoggerFactory.getLogger(Dcache.class);

    /** The (parent, name) hash key; parents compare by identity. */
    private record Key(Dentry parent, String name) {
    }

    private final InodeCache icache;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition lookupDone = lock.newCondition();
    private final ConcurrentHashMap<Key, Dentry> hash = new ConcurrentHashMap<>();
    private final Map<Key, Dentry> inLookup = new HashMap<>();
    private final SeqLock renameLock = new SeqLock();
    /** Dentries changed since the last incremental snapshot (see {@link #changes()}). */
    private final ChangeLog<Dentry> changes = new ChangeLog<>();

    private volatile long nrDentry;
    private volatile long nrUnused;
    private volatile long nrNegative;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong negativeHits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    /** Where tracepoints write; null while nobody traces. */
    private volatile TraceSink trace;
    private KernelClock clock;
    /** Lookups are the hot path: traced only on request. */
    private volatile boolean traceLookups;

    public Dcache(InodeCache icache) {
        this.icache = icache;
    }

    /** Wired by the kernel: the sink for tracepoints (null: off) and the clock stamping them. */
    public void setTrace(TraceSink sink, KernelClock clock) {
        this.clock = clock;
        this.trace = sink; // written last: a reader that sees the sink sees the clock
    }

    /** Whether {@link #lookupRcu} emits a {@link DentryLookup} per call (off by default). */
    public void setTraceLookups(boolean on) {
        traceLookups = on;
    }

    public boolean isTracingLookups() {
        return traceLookups;
    }

    /**
     * The dentries whose snapshot-visible state (count, flags, inode, hash, parent, name, LRU
     * place, life) changed since the last incremental snapshot took them. Off until a snapshot
     * taker enables it.
     */
    public ChangeLog<Dentry> changes() {
        return changes;
    }

    /** Records a change of {@code d}; called after the change is written. */
    void changed(Dentry d) {
        changes.mark(d);
    }

    /**
     * For incremental trace snapshots: runs {@code reader} under the dcache lock (it reads
     * changed dentries and their LRU places, and must only copy), then returns the counters.
     */
    public DentryStats readForSnapshot(Runnable reader) {
        lock.lock();
        try {
            reader.run();
            return stats();
        } finally {
            lock.unlock();
        }
    }

    /** rename_lock: lockless walks sample it and retry when a rename ran. */
    public SeqLock renameLock() {
        return renameLock;
    }

    // ---- allocation and instantiation -------------------------------------------------------

    /** d_make_root: the root dentry of a new superblock, holding the given inode reference. */
    public Dentry makeRoot(SuperBlock sb, Inode root) {
        Dentry d = new Dentry(this, sb, null, "/");
        lock.lock();
        try {
            nrDentry++;
            attachInode(d, root);
        } finally {
            lock.unlock();
        }
        return d;
    }

    /**
     * d_alloc: an unhashed child of {@code parent}, with one reference; it holds a reference on
     * its parent, as every child does.
     */
    public Dentry alloc(Dentry parent, String name) {
        Dentry d = new Dentry(this, parent.sb(), parent, name);
        lock.lock();
        try {
            parent.count.incrementAndGet();
            parent.children.add(d);
            nrDentry++;
            changed(parent);
            changed(d);
        } finally {
            lock.unlock();
        }
        return d;
    }

    /** d_alloc for O_TMPFILE: an unhashed, disconnected dentry that no lookup can find. */
    public Dentry allocTmpfile(Dentry parent) {
        Dentry d = alloc(parent, "#tmpfile");
        lock.lock();
        try {
            d.setFlag(DentryFlag.DISCONNECTED);
        } finally {
            lock.unlock();
        }
        return d;
    }

    /**
     * d_alloc_parallel: the hashed dentry for the name if one appeared meanwhile (referenced),
     * or a new in-lookup dentry ({@code PAR_LOOKUP}) that the caller must finish with
     * {@link #addLookupResult}. Concurrent lookups of the same name wait for the first.
     */
    public Dentry allocParallel(Dentry parent, String name) {
        Key key = new Key(parent, name);
        lock.lock();
        try {
            while (true) {
                Dentry hashed = hash.get(key);
                if (hashed != null && dgetUnlessDead(hashed)) {
                    return hashed;
                }
                if (!inLookup.containsKey(key)) {
                    break;
                }
                lookupDone.awaitUninterruptibly();
            }
            Dentry d = new Dentry(this, parent.sb(), parent, name);
            parent.count.incrementAndGet();
            parent.children.add(d);
            nrDentry++;
            changed(parent);
            d.setFlag(DentryFlag.PAR_LOOKUP);
            inLookup.put(key, d);
            return d;
        } finally {
            lock.unlock();
        }
    }

    /**
     * d_splice_alias / d_add for an in-lookup dentry: binds the inode the filesystem found (or
     * none: a negative dentry), hashes it and wakes the lookups that waited for it.
     */
    public void addLookupResult(Dentry d, Inode inode) {
        lock.lock();
        try {
            DentryState old = stateIfTraced(d);
            if (inode != null) {
                attachInode(d, inode);
            }
            hashLocked(d);
            endLookup(d);
            traceState(d, old);
        } finally {
            lock.unlock();
        }
    }

    /** The lookup failed: unhash nothing, wake waiters and drop the dentry. */
    public void abortLookup(Dentry d) {
        lock.lock();
        try {
            endLookup(d);
        } finally {
            lock.unlock();
        }
        dput(d);
    }

    private void endLookup(Dentry d) {
        if (d.testAndClear(DentryFlag.PAR_LOOKUP)) {
            inLookup.remove(new Key(d.parent, d.name));
            lookupDone.signalAll();
        }
    }

    /** d_instantiate: a negative dentry becomes positive (create, mkdir...). Takes the inode reference. */
    public void instantiate(Dentry d, Inode inode) {
        lock.lock();
        try {
            DentryState old = stateIfTraced(d);
            attachInode(d, inode);
            traceState(d, old);
        } finally {
            lock.unlock();
        }
    }

    /** d_instantiate + d_rehash for a dentry that was unhashed (O_TMPFILE linked in). */
    public void instantiateAndHash(Dentry d, Inode inode) {
        lock.lock();
        try {
            DentryState old = stateIfTraced(d);
            attachInode(d, inode);
            hashLocked(d);
            traceState(d, old);
        } finally {
            lock.unlock();
        }
    }

    private void attachInode(Dentry d, Inode inode) {
        if (d.hasFlag(DentryFlag.LRU_LIST) && d.inode == null) {
            nrNegative--;
        }
        d.inode = inode;
        inode.aliases().add(d);
        changed(d);
    }

    private void hashLocked(Dentry d) {
        if (!d.hashed) {
            hash.put(new Key(d.parent, d.name), d);
            d.hashed = true;
            changed(d);
        }
    }

    private void unhashLocked(Dentry d) {
        if (d.hashed) {
            hash.remove(new Key(d.parent, d.name), d);
            d.hashed = false;
            changed(d);
        }
    }

    // ---- lookup -----------------------------------------------------------------------------

    /**
     * __d_lookup_rcu: the hashed dentry for (parent, name) without taking a reference, or null.
     * The caller must validate the result (rename sequence, {@link #dgetUnlessDead}) before use.
     */
    public Dentry lookupRcu(Dentry parent, String name) {
        Dentry d = hash.get(new Key(parent, name));
        if (d == null) {
            misses.incrementAndGet();
        } else if (d.inode == null) {
            negativeHits.incrementAndGet();
        } else {
            hits.incrementAndGet();
        }
        if (traceLookups) {
            traceLookup(parent, name, d);
        }
        return d;
    }

    /** Out of line, so the untraced fast path stays one volatile read. */
    private void traceLookup(Dentry parent, String name, Dentry found) {
        TraceSink t = trace;
        if (t != null) {
            DentryLookup.Result result = found == null ? DentryLookup.Result.MISS
                    : found.inode == null ? DentryLookup.Result.NEGATIVE_HIT : DentryLookup.Result.HIT;
            t.offer(new DentryLookup(clock.nanoTime(), parent.id(), name, result));
        }
    }

    /** d_lookup: the hashed dentry for (parent, name) with a reference taken, or null. */
    public Dentry lookup(Dentry parent, String name) {
        while (true) {
            long seq = renameLock.readBegin();
            Dentry d = lookupRcu(parent, name);
            if (d != null && d.parent == parent && name.equals(d.name) && dgetUnlessDead(d)) {
                if (d.hashed && !renameLock.readRetry(seq)) {
                    return d;
                }
                dput(d);
                continue;
            }
            if (!renameLock.readRetry(seq)) {
                return null;
            }
        }
    }

    /**
     * dget_parent: a reference on the dentry's current parent, safe against a rename moving it.
     */
    public Dentry getParent(Dentry d) {
        lock.lock();
        try {
            Dentry p = d.parent;
            p.count.incrementAndGet();
            changed(p);
            return p;
        } finally {
            lock.unlock();
        }
    }

    /** d_ancestor: the child of {@code ancestor} on the way up from {@code d}, or null if unrelated. */
    public Dentry ancestorChild(Dentry ancestor, Dentry d) {
        lock.lock();
        try {
            for (Dentry p = d; !p.isRoot(); p = p.parent) {
                if (p.parent == ancestor) {
                    return p;
                }
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    // ---- reference counting ----------------------------------------------------------------

    /** dget: the caller holds a reference already, so the dentry cannot be dead. */
    public void dget(Dentry d) {
        d.count.incrementAndGet();
        changed(d);
    }

    /**
     * lockref_get_not_dead: takes a reference unless the dentry was killed. Does not take it off
     * the LRU: removal is lazy, done by the shrinker.
     */
    public boolean dgetUnlessDead(Dentry d) {
        while (true) {
            int c = d.count.get();
            if (c < 0) {
                return false;
            }
            if (d.count.compareAndSet(c, c + 1)) {
                changed(d);
                return true;
            }
        }
    }

    /**
     * dput: drops a reference. The last one either keeps the dentry cached (on the LRU, or
     * marked REFERENCED if already there) or kills it, and a kill drops the parent's reference
     * in turn.
     */
    public void dput(Dentry d) {
        while (true) {
            int c = d.count.get();
            if (c <= 1) {
                break;
            }
            if (d.count.compareAndSet(c, c - 1)) {
                changed(d);
                return;
            }
        }
        List<Inode> toPut = new ArrayList<>(1);
        lock.lock();
        try {
            Dentry cur = d;
            while (cur != null) {
                int left = cur.count.decrementAndGet();
                changed(cur);
                if (left > 0) {
                    break;
                }
                if (retain(cur)) {
                    break;
                }
                if (!cur.count.compareAndSet(0, Dentry.DEAD)) {
                    break;
                }
                cur = kill(cur, toPut);
            }
        } finally {
            lock.unlock();
        }
        putInodes(toPut);
    }

    /** retain_dentry with the LRU side effects of dput. Called at count zero under the lock. */
    private boolean retain(Dentry d) {
        if (!d.hashed || d.hasFlag(DentryFlag.DISCONNECTED) || d.hasFlag(DentryFlag.DONTCACHE)
                || !d.sb().isActive() || (d.op() != null && d.op().delete(d))) {
            return false;
        }
        if (!d.hasFlag(DentryFlag.LRU_LIST)) {
            DentryState old = stateIfTraced(d, 1);
            lruAdd(d);
            traceState(d, old);
        } else if (!d.hasFlag(DentryFlag.REFERENCED)) {
            DentryState old = stateIfTraced(d, 1);
            d.setFlag(DentryFlag.REFERENCED);
            traceState(d, old);
        }
        // Already REFERENCED: only the count moved, and the lockless dget it undoes is untraced too.
        return true;
    }

    private void lruAdd(Dentry d) {
        d.setFlag(DentryFlag.LRU_LIST);
        d.sb().dentryLru().add(d);
        nrUnused++;
        if (d.inode == null) {
            nrNegative++;
        }
    }

    private void lruDel(Dentry d) {
        if (d.testAndClear(DentryFlag.LRU_LIST)) {
            d.clearFlag(DentryFlag.REFERENCED);
            d.sb().dentryLru().remove(d);
            nrUnused--;
            if (d.inode == null) {
                nrNegative--;
            }
        }
    }

    /**
     * __dentry_kill: the dentry (already marked dead) leaves the hash, the LRU and its parent,
     * and gives up its inode. Returns the parent whose reference must now be dropped, or null.
     */
    private Dentry kill(Dentry d, List<Inode> toPut) {
        DentryState old = stateIfTraced(d, 0); // as it was just before being marked dead
        unhashLocked(d);
        lruDel(d);
        d.clearFlag(DentryFlag.SHRINK_LIST);
        Inode inode = d.inode;
        if (inode != null) {
            d.inode = null;
            inode.aliases().remove(d);
            toPut.add(inode);
        }
        nrDentry--;
        changed(d); // dead: it leaves the snapshot
        if (d.op() != null) {
            d.op().release(d);
        }
        traceState(d, old);
        Dentry parent = d.parent;
        if (parent == d) {
            return null;
        }
        parent.children.remove(d);
        return parent;
    }

    private void putInodes(List<Inode> inodes) {
        for (Inode inode : inodes) {
            icache.iput(inode);
        }
    }

    // ---- tracepoints: under the dcache lock, so the state recorded is the state reached ------

    /** The dentry's state now, or null while nobody traces (then no event is built). */
    private DentryState stateIfTraced(Dentry d) {
        return trace == null ? null : DentryState.of(d);
    }

    /** The dentry's state as it was with reference count {@code count}, or null while untraced. */
    private DentryState stateIfTraced(Dentry d, int count) {
        return trace == null ? null
                : DentryState.of(count, d.hasFlag(DentryFlag.PAR_LOOKUP), d.hashed, d.isRoot(), d.inode != null);
    }

    /** Records that {@code d} went from {@code old} (null: untraced) to its state now. */
    private void traceState(Dentry d, DentryState old) {
        TraceSink t = trace;
        if (old != null && t != null) {
            t.offer(new DentryStateChange(clock.nanoTime(), d.id(), d.pathFromRoot(), old, DentryState.of(d),
                    d.count(), d.flags()));
        }
    }

    // ---- unlink, invalidate, rename ---------------------------------------------------------

    /**
     * d_delete, after a successful unlink or rmdir: if the caller holds the only reference the
     * dentry turns negative and stays hashed (so the next lookup is answered from the cache);
     * otherwise it is unhashed and keeps its inode until the last user drops it.
     */
    public void delete(Dentry d) {
        Inode inode = null;
        lock.lock();
        try {
            DentryState old = stateIfTraced(d);
            if (d.count.get() == 1) {
                inode = d.inode;
                if (inode != null) {
                    d.inode = null;
                    inode.aliases().remove(d);
                    changed(d);
                    if (d.hasFlag(DentryFlag.LRU_LIST)) {
                        nrNegative++;
                    }
                }
            } else {
                unhashLocked(d);
            }
            traceState(d, old);
        } finally {
            lock.unlock();
        }
        if (inode != null) {
            icache.iput(inode);
        }
    }

    /** d_drop: unhash, so no new lookup finds it; it dies on its last dput. */
    public void drop(Dentry d) {
        lock.lock();
        try {
            DentryState old = d.hashed ? stateIfTraced(d) : null;
            unhashLocked(d);
            traceState(d, old);
        } finally {
            lock.unlock();
        }
    }

    /**
     * d_move: {@code d} takes {@code target}'s place (parent and name) under the rename seqlock;
     * {@code target} is left unhashed. The parent references move with the dentry.
     */
    public void move(Dentry d, Dentry target) {
        lock.lock();
        DentryState oldD = stateIfTraced(d);
        DentryState oldTarget = stateIfTraced(target);
        renameLock.writeLock();
        try {
            Dentry oldParent = d.parent;
            Dentry newParent = target.parent;
            unhashLocked(d);
            unhashLocked(target);
            oldParent.children.remove(d);
            d.parent = newParent;
            d.name = target.name;
            newParent.children.add(d);
            if (oldParent != newParent) {
                newParent.count.incrementAndGet();
                oldParent.count.decrementAndGet();
                changed(newParent);
                changed(oldParent);
            }
            hashLocked(d);
            changed(d);
        } finally {
            renameLock.writeUnlock();
            // After the seqlock is released, so lockless walkers do not spin while events are built.
            try {
                traceState(d, oldD);
                traceState(target, oldTarget);
            } finally {
                lock.unlock();
            }
        }
    }

    /** d_exchange: two dentries swap names and parents (RENAME_EXCHANGE). */
    public void exchange(Dentry a, Dentry b) {
        lock.lock();
        DentryState oldA = stateIfTraced(a);
        DentryState oldB = stateIfTraced(b);
        renameLock.writeLock();
        try {
            Dentry pa = a.parent;
            Dentry pb = b.parent;
            String na = a.name;
            unhashLocked(a);
            unhashLocked(b);
            pa.children.remove(a);
            pb.children.remove(b);
            a.parent = pb;
            a.name = b.name;
            b.parent = pa;
            b.name = na;
            pb.children.add(a);
            pa.children.add(b);
            hashLocked(a);
            hashLocked(b);
            changed(a);
            changed(b);
        } finally {
            renameLock.writeUnlock();
            try {
                traceState(a, oldA);
                traceState(b, oldB);
            } finally {
                lock.unlock();
            }
        }
    }

    /** Sets DCACHE_MOUNTED while something is mounted on the dentry. */
    public void setMounted(Dentry d, boolean mounted) {
        lock.lock();
        try {
            if (mounted) {
                d.setFlag(DentryFlag.MOUNTED);
            } else {
                d.clearFlag(DentryFlag.MOUNTED);
            }
        } finally {
            lock.unlock();
        }
    }

    /** DCACHE_DONTCACHE: kill on last dput instead of caching. */
    public void setDontCache(Dentry d) {
        lock.lock();
        try {
            d.setFlag(DentryFlag.DONTCACHE);
        } finally {
            lock.unlock();
        }
    }

    List<Dentry> childrenOf(Dentry d) {
        lock.lock();
        try {
            return new ArrayList<>(d.children);
        } finally {
            lock.unlock();
        }
    }

    // ---- shrinking --------------------------------------------------------------------------

    /**
     * prune_dcache_sb: scans up to {@code nrToScan} dentries from the head of the superblock's
     * LRU. In use: taken off the LRU (lazy removal). REFERENCED: cleared and rotated. Otherwise
     * killed, and parents whose last reference that was are killed too. Returns dentries freed.
     */
    public long prune(SuperBlock sb, long nrToScan) {
        return prune(sb, nrToScan, CacheShrink.Trigger.SHRINKER);
    }

    /** {@link #prune(SuperBlock, long)}, traced as a pass asked for by {@code trigger}. */
    public long prune(SuperBlock sb, long nrToScan, CacheShrink.Trigger trigger) {
        return pruneLru(sb, nrToScan, false, trigger);
    }

    /**
     * The walk of prune_dcache_sb; with {@code all} (dentry_lru_isolate_shrink, for
     * shrink_dcache_sb) every dentry is isolated, REFERENCED or not. A null {@code trigger}
     * (unmount) traces no {@link CacheShrink}.
     */
    private long pruneLru(SuperBlock sb, long nrToScan, boolean all, CacheShrink.Trigger trigger) {
        List<Dentry> dispose = new ArrayList<>();
        List<Inode> toPut = new ArrayList<>();
        long freed = 0;
        long[] scanned = {0};
        lock.lock();
        try {
            sb.dentryLru().walk(d -> {
                scanned[0]++;
                if (d.count.get() > 0) {
                    DentryState old = stateIfTraced(d);
                    lruDel(d);
                    traceState(d, old);
                    return ListLru.Status.REMOVED;
                }
                if (!all && d.hasFlag(DentryFlag.REFERENCED)) {
                    DentryState old = stateIfTraced(d);
                    d.clearFlag(DentryFlag.REFERENCED);
                    traceState(d, old);
                    return ListLru.Status.ROTATE;
                }
                lruDel(d);
                d.setFlag(DentryFlag.SHRINK_LIST);
                dispose.add(d);
                return ListLru.Status.REMOVED;
            }, nrToScan);
            for (Dentry d : dispose) {
                // d_shrink_del: off the shrink list whether it dies or a lockless dget revived it.
                d.clearFlag(DentryFlag.SHRINK_LIST);
                freed += shrinkKill(d, null, toPut);
            }
        } finally {
            lock.unlock();
        }
        putInodes(toPut);
        TraceSink t = trace;
        if (t != null && trigger != null) {
            t.offer(new CacheShrink(clock.nanoTime(), CacheShrink.Cache.DENTRIES, trigger, scanned[0], freed));
        }
        return freed;
    }

    /**
     * shrink_kill: kills {@code d} if still unused and then every ancestor, below {@code stop},
     * whose last reference it held. Returns the number killed.
     */
    private long shrinkKill(Dentry d, Dentry stop, List<Inode> toPut) {
        long killed = 0;
        Dentry cur = d;
        while (cur != null && cur != stop && cur.count.compareAndSet(0, Dentry.DEAD)) {
            Dentry parent = kill(cur, toPut);
            killed++;
            if (parent == null) {
                break;
            }
            int left = parent.count.decrementAndGet();
            changed(parent);
            if (left > 0) {
                break;
            }
            // We held the ancestor's last reference: it is pruned too, not cached.
            cur = parent;
        }
        return killed;
    }

    /**
     * shrink_dcache_parent: kills every unused dentry below {@code parent} (rmdir, invalidation),
     * leaving {@code parent} itself.
     */
    public void shrinkParent(Dentry parent) {
        List<Inode> toPut = new ArrayList<>();
        lock.lock();
        try {
            boolean found = true;
            while (found) {
                found = false;
                for (Dentry d : descendantsDeepestFirst(parent)) {
                    if (d.count.get() == 0) {
                        found |= shrinkKill(d, parent, toPut) > 0;
                    }
                }
            }
        } finally {
            lock.unlock();
        }
        putInodes(toPut);
    }

    /** Every dentry below {@code top}, deepest first, so children die before their parents. */
    private static List<Dentry> descendantsDeepestFirst(Dentry top) {
        List<Dentry> order = new ArrayList<>();
        Deque<Dentry> stack = new ArrayDeque<>(top.children);
        while (!stack.isEmpty()) {
            Dentry d = stack.pop();
            order.add(d);
            stack.addAll(d.children);
        }
        Collections.reverse(order);
        return order;
    }

    /**
     * shrink_dcache_sb: empties the superblock's dentry LRU. Unlike the shrinker it gives no
     * second chance: REFERENCED dentries die too, in-use ones just leave the LRU.
     */
    public void shrinkSb(SuperBlock sb) {
        int size;
        while ((size = lruSize(sb)) > 0) {
            pruneLru(sb, size, true, null);
        }
    }

    private int lruSize(SuperBlock sb) {
        lock.lock();
        try {
            return sb.dentryLru().size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * shrink_dcache_for_umount: kills the whole tree of a superblock that is going away, root
     * included. Dentries still in use at this point are a bug in the caller, reported as the
     * kernel's "Dentry still in use" is.
     */
    public void shrinkForUmount(SuperBlock sb) {
        Dentry root = sb.root();
        if (root == null) {
            return;
        }
        shrinkParent(root);
        List<Inode> toPut = new ArrayList<>();
        lock.lock();
        try {
            for (Dentry d : descendantsDeepestFirst(root)) {
                LOG.warn("dentry {} still in use ({}) at unmount of {}", d.pathFromRoot(), d.count.get(), sb.id());
                d.count.set(0);
                d.count.set(Dentry.DEAD);
                kill(d, toPut);
            }
            int rootLeft = root.count.decrementAndGet();
            changed(root);
            if (rootLeft != 0) {
                LOG.warn("root dentry of {} still in use ({}) at unmount", sb.id(), root.count.get());
            }
            root.count.set(Dentry.DEAD);
            kill(root, toPut);
            sb.setRoot(null);
        } finally {
            lock.unlock();
        }
        putInodes(toPut);
    }

    // ---- counters ---------------------------------------------------------------------------

    /** nr_dentry: dentries allocated and not yet freed. */
    public long nrDentry() {
        return nrDentry;
    }

    /** /proc/sys/fs/dentry-state plus lookup hit and miss counts. */
    public DentryStats stats() {
        return new DentryStats(nrDentry, nrUnused, nrNegative, hits.get(), negativeHits.get(), misses.get());
    }

    /** list_lru_shrink_count: how many are on the superblock's LRU, without copying it. */
    public int lruCount(SuperBlock sb) {
        lock.lock();
        try {
            return sb.dentryLru().size();
        } finally {
            lock.unlock();
        }
    }

    /** The superblock's LRU from head (next to scan) to tail, a copy. */
    public List<Dentry> lruSnapshot(SuperBlock sb) {
        lock.lock();
        try {
            return sb.dentryLru().snapshot();
        } finally {
            lock.unlock();
        }
    }

    /**
     * For trace snapshots: offers every live dentry of {@code sbs} to {@code copier} once, with
     * its position on its superblock's LRU counted from the head: per superblock, first the LRU
     * from head to tail, then the rest of the tree (parents before children) with -1. Returns the
     * counters. All under the dcache lock, so the picture is consistent; the copier runs with the
     * lock held and must only copy. (LRU first because a dentry-to-position map cost more than
     * the whole walk.)
     */
    public DentryStats copyForSnapshot(List<SuperBlock> sbs, ObjIntConsumer<Dentry> copier) {
        lock.lock();
        try {
            for (SuperBlock sb : sbs) {
                Dentry root = sb.root();
                if (root == null) {
                    continue;
                }
                sb.dentryLru().forEachWithPosition(copier);
                Deque<Dentry> todo = new ArrayDeque<>();
                todo.push(root);
                while (!todo.isEmpty()) {
                    Dentry d = todo.pop();
                    // LRU_LIST is set exactly while the dentry is on the LRU, both under this lock.
                    if (!d.hasFlag(DentryFlag.LRU_LIST)) {
                        copier.accept(d, -1);
                    }
                    for (Dentry child : d.children) {
                        todo.push(child);
                    }
                }
            }
            return stats();
        } finally {
            lock.unlock();
        }
    }
}
