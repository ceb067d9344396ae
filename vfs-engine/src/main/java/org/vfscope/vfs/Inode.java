package org.vfscope.vfs;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.vfscope.mm.AddressSpace;
import org.vfscope.trace.ChangeLog;
import org.vfscope.vfs.dcache.Dentry;
import org.vfscope.vfs.icache.InodeState;
import org.vfscope.vfs.lock.RwSemaphore;

/**
 * {@code struct inode}: one file's metadata in memory. Filesystems subclass it through
 * {@link SuperOperations#allocInode} to carry their own fields, as the kernel's container_of idiom
 * does. The state bits and LRU membership belong to the {@link org.vfscope.vfs.icache.InodeCache}
 * and change only under its lock (the stand-in for {@code i_lock}).
 */
public class Inode implements ListLru.Item, ChangeLog.Tracked {
    private static final AtomicLong SERIAL = new AtomicLong();
    private static final InodeOperations NO_INODE_OPS = new InodeOperations() {
    };
    private static final FileOperations NO_FILE_OPS = new FileOperations() {
    };

    private final SuperBlock sb;
    private final long ino;
    /** A kernel-wide serial number: the tie-break order for locking unrelated inodes. */
    private final long serial = SERIAL.incrementAndGet();

    private volatile int mode;
    private volatile int uid;
    private volatile int gid;
    private volatile int nlink;
    private volatile long size;
    private volatile long rdev;
    private volatile long blocks;
    private volatile Instant atime = Instant.EPOCH;
    private volatile Instant mtime = Instant.EPOCH;
    private volatile Instant ctime = Instant.EPOCH;
    private volatile String cachedLink;
    private volatile boolean dead;
    /** The record of this inode in the latest trace snapshot, reused while nothing changed. */
    private volatile Object snapshotMemo;
    /** For the inode cache's {@link ChangeLog}: the generation this inode was last recorded in. */
    private int changeGeneration;
    /** Given by the inode LRU each time the inode joins it; written under the inode cache lock. */
    private long lruStamp;

    private volatile InodeOperations iop = NO_INODE_OPS;
    private volatile FileOperations fop = NO_FILE_OPS;
    private final AddressSpace mapping;
    private final RwSemaphore rwsem = new RwSemaphore();

    // Owned by InodeCache, under its lock.
    private final AtomicInteger count = new AtomicInteger(1);
    private final EnumSet<InodeState> state = EnumSet.noneOf(InodeState.class);
    private volatile boolean hashed;
    private volatile long dirtiedWhen;
    /** i_dentry: the dentries that name this inode; guarded by the dcache lock. */
    private final Set<Dentry> aliases = Collections.newSetFromMap(new IdentityHashMap<>());

    public Inode(SuperBlock sb, long ino) {
        this.sb = sb;
        this.ino = ino;
        this.mapping = new AddressSpace(this);
    }

    public final SuperBlock sb() {
        return sb;
    }

    public final long ino() {
        return ino;
    }

    public final long serial() {
        return serial;
    }

    /**
     * The last snapshot record of this inode (for {@code org.vfscope.trace}): an immutable object
     * that a snapshot taker reuses when every field still agrees. Any thread; the engine never
     * reads it.
     */
    public Object snapshotMemo() {
        return snapshotMemo;
    }

    public void setSnapshotMemo(Object memo) {
        snapshotMemo = memo;
    }

    @Override
    public int changeGeneration() {
        return changeGeneration;
    }

    @Override
    public void setChangeGeneration(int generation) {
        changeGeneration = generation;
    }

    /** The stamp the superblock's inode LRU gave this inode when it last joined (meaningful while on it). */
    @Override
    public long lruStamp() {
        return lruStamp;
    }

    @Override
    public void setLruStamp(long stamp) {
        lruStamp = stamp;
    }

    /**
     * Records in the inode cache's change log that something a snapshot shows changed (state,
     * count, nlink, mode, size, dirtied_when, or cached pages): after the change is written.
     */
    public final void snapshotChanged() {
        Kernel k = sb.kernel();
        if (k != null) {
            k.icache().changes().mark(this);
        }
    }

    public int mode() {
        return mode;
    }

    public void setMode(int mode) {
        this.mode = mode;
        snapshotChanged();
    }

    public int type() {
        return mode & FileMode.S_IFMT;
    }

    public boolean isDir() {
        return FileMode.isDir(mode);
    }

    public boolean isRegular() {
        return FileMode.isReg(mode);
    }

    public boolean isSymlink() {
        return FileMode.isLnk(mode);
    }

    public int uid() {
        return uid;
    }

    public void setUid(int uid) {
        this.uid = uid;
    }

    public int gid() {
        return gid;
    }

    public void setGid(int gid) {
        this.gid = gid;
    }

    public int nlink() {
        return nlink;
    }

    public void setNlink(int nlink) {
        this.nlink = nlink;
        snapshotChanged();
    }

    /** inc_nlink; callers hold the inode's i_rwsem. */
    public void incNlink() {
        nlink++;
        snapshotChanged();
    }

    /** drop_nlink; callers hold the inode's i_rwsem. */
    public void dropNlink() {
        if (nlink > 0) {
            nlink--;
            snapshotChanged();
        }
    }

    public long size() {
        return size;
    }

    /** i_size_write; callers hold the inode's i_rwsem exclusive. */
    public void setSize(long size) {
        this.size = size;
        snapshotChanged();
    }

    public long rdev() {
        return rdev;
    }

    public void setRdev(long rdev) {
        this.rdev = rdev;
    }

    /** Allocated space in 512-byte units, as st_blocks. */
    public long blocks() {
        return blocks;
    }

    public void setBlocks(long blocks) {
        this.blocks = blocks;
    }

    public Instant atime() {
        return atime;
    }

    public Instant mtime() {
        return mtime;
    }

    public Instant ctime() {
        return ctime;
    }

    public void setAtime(Instant t) {
        this.atime = t;
    }

    public void setMtime(Instant t) {
        this.mtime = t;
    }

    public void setCtime(Instant t) {
        this.ctime = t;
    }

    /** The current time at this filesystem's timestamp granularity (current_time()). */
    public Instant currentTime() {
        return sb.currentTime();
    }

    /** inode_set_ctime_current + mtime: a content change. */
    public void touchMtimeCtime() {
        Instant now = currentTime();
        mtime = now;
        ctime = now;
    }

    /** S_DEAD: a removed directory, in which nothing can be looked up or created. */
    public boolean isDeadDir() {
        return dead;
    }

    public void markDeadDir() {
        this.dead = true;
    }

    /** i_link: a symlink target kept in memory, which lets the lockless walk follow it. */
    public String cachedLink() {
        return cachedLink;
    }

    public void setCachedLink(String target) {
        this.cachedLink = target;
    }

    public InodeOperations iop() {
        return iop;
    }

    public FileOperations fop() {
        return fop;
    }

    public void setOperations(InodeOperations iop, FileOperations fop) {
        this.iop = iop;
        this.fop = fop;
    }

    public AddressSpace mapping() {
        return mapping;
    }

    /** i_rwsem, taken shared or exclusive per the locking.rst tables. */
    public RwSemaphore rwsem() {
        return rwsem;
    }

    /** i_count: references held on the inode. */
    public int count() {
        return count.get();
    }

    /** __iget: for the inode cache. */
    public void refGet() {
        count.incrementAndGet();
        snapshotChanged();
    }

    /** The iput fast path: drops a reference unless it is the last. For the inode cache. */
    public boolean refPutUnlessLast() {
        while (true) {
            int c = count.get();
            if (c <= 1) {
                return false;
            }
            if (count.compareAndSet(c, c - 1)) {
                snapshotChanged();
                return true;
            }
        }
    }

    /** Drops a reference under the inode cache lock; returns what is left. */
    public int refPut() {
        int left = count.decrementAndGet();
        snapshotChanged();
        return left;
    }

    public boolean isHashed() {
        return hashed;
    }

    /** Set by the inode cache when it hashes or unhashes the inode. */
    public void setHashed(boolean hashed) {
        this.hashed = hashed;
    }

    /** The state bits; callers of the mutating methods hold the inode cache lock. */
    public EnumSet<InodeState> stateView() {
        return state;
    }

    /** A copy of the state bits, safe to keep. */
    /** The state as bits, bit i for the state of ordinal i: what a snapshot copies without allocating. */
    public int stateBits() {
        synchronized (state) {
            int bits = 0;
            for (InodeState s : state) {
                bits |= 1 << s.ordinal();
            }
            return bits;
        }
    }

    public Set<InodeState> state() {
        synchronized (state) {
            return state.isEmpty() ? EnumSet.noneOf(InodeState.class) : EnumSet.copyOf(state);
        }
    }

    public boolean hasState(InodeState s) {
        synchronized (state) {
            return state.contains(s);
        }
    }

    public void setState(InodeState s) {
        boolean added;
        synchronized (state) {
            added = state.add(s);
        }
        if (added) {
            snapshotChanged();
        }
    }

    public void clearState(InodeState s) {
        boolean removed;
        synchronized (state) {
            removed = state.remove(s);
        }
        if (removed) {
            snapshotChanged();
        }
    }

    public boolean hasAnyState(Set<InodeState> any) {
        synchronized (state) {
            for (InodeState s : any) {
                if (state.contains(s)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** When the inode was first dirtied, in kernel clock nanoseconds (dirtied_when). */
    public long dirtiedWhen() {
        return dirtiedWhen;
    }

    public void setDirtiedWhen(long nanos) {
        this.dirtiedWhen = nanos;
        snapshotChanged();
    }

    /** The dentries that name this inode. Guarded by the dcache lock. */
    public Set<Dentry> aliases() {
        return aliases;
    }

    /** mark_inode_dirty with the given flag. */
    public void markDirty(InodeState flag) {
        sb.kernel().writeback().markInodeDirty(this, flag);
    }

    /** truncate_pagecache: drops cached pages beyond {@code newSize}. */
    public void truncatePagecache(long newSize) {
        mapping.truncatePages(newSize);
    }

    /**
     * inode_init_owner: a new inode belongs to the caller's fsuid; its group comes from a
     * set-group-ID parent directory (and a new directory inherits the bit) or else the caller's
     * fsgid; a set-group-ID bit the caller could not have set is dropped.
     */
    public void initOwner(Inode dir, int newMode) {
        Credentials cred = CurrentCredentials.get();
        int m = newMode;
        uid = cred.uid();
        if (dir != null && (dir.mode() & FileMode.S_ISGID) != 0) {
            gid = dir.gid();
            if (FileMode.isDir(m)) {
                m |= FileMode.S_ISGID;
            } else if ((m & (FileMode.S_ISGID | 010)) == (FileMode.S_ISGID | 010)
                    && !cred.inGroup(gid) && !cred.isRoot()) {
                m &= ~FileMode.S_ISGID;
            }
        } else {
            gid = cred.gid();
        }
        mode = m;
        snapshotChanged();
    }

    /** generic_fillattr. */
    public Stat fillattr() {
        return new Stat(sb.dev(), ino, mode, nlink, uid, gid, rdev, size, sb.blockSize(), blocks, atime, mtime,
                ctime);
    }

    /** setattr_copy: applies the checked attribute change to the in-memory inode. */
    public void copyAttributes(Iattr attr) {
        if (attr.uid() != null) {
            uid = attr.uid();
        }
        if (attr.gid() != null) {
            gid = attr.gid();
        }
        if (attr.atime() != null) {
            atime = attr.atime();
        }
        if (attr.mtime() != null) {
            mtime = attr.mtime();
        }
        if (attr.ctime() != null) {
            ctime = attr.ctime();
        }
        if (attr.mode() != null) {
            mode = (mode & FileMode.S_IFMT) | (attr.mode() & FileMode.S_IALLUGO);
            snapshotChanged();
        }
    }

    @Override
    public String toString() {
        return "inode " + ino + " on " + sb.id();
    }
}
