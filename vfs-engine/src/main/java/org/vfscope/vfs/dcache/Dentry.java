package org.vfscope.vfs.dcache;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.vfscope.trace.ChangeLog;
import org.vfscope.vfs.DentryOperations;
import org.vfscope.vfs.Inode;
import org.vfscope.vfs.ListLru;
import org.vfscope.vfs.SuperBlock;

/**
 * {@code struct dentry}: a name in a directory, bound to an inode (positive) or to nothing
 * (negative). The reference count is a lockref: positive while in use, zero while cached unused,
 * and {@link #DEAD} once killed, so a lockless walker can take a reference unless it died.
 * Everything else changes under the {@link Dcache} lock.
 */
public final class Dentry implements ListLru.Item, ChangeLog.Tracked {
    /** lockref_mark_dead: a count no get can bring back to life. */
    static final int DEAD = Integer.MIN_VALUE / 2;

    /** Hands out {@link #id()}s; identity hash codes are not unique, so snapshots need these. */
    private static final AtomicLong NEXT_ID = new AtomicLong();

    private final long id = NEXT_ID.incrementAndGet();
    private final Dcache dcache;
    private final SuperBlock sb;
    volatile Dentry parent;
    volatile String name;
    volatile Inode inode;
    final AtomicInteger count = new AtomicInteger(1);
    /** DentryFlag bits by ordinal; written under the dcache lock, read without it. */
    private volatile int flagBits;
    volatile boolean hashed;
    final Set<Dentry> children = Collections.newSetFromMap(new IdentityHashMap<>());
    private final DentryOperations op;
    private volatile Object fsData;
    /** The record of this dentry in the latest trace snapshot, reused while nothing changed. */
    private volatile Object snapshotMemo;
    /** For the dcache's {@link ChangeLog}: the generation this dentry was last recorded in. */
    private int changeGeneration;
    /** Given by the LRU each time the dentry joins it; written under the dcache lock. */
    private long lruStamp;

    Dentry(Dcache dcache, SuperBlock sb, Dentry parent, String name) {
        this.dcache = dcache;
        this.sb = sb;
        this.parent = parent == null ? this : parent;
        this.name = name;
        this.op = sb.dentryOps();
    }

    /** A kernel-wide unique number that never changes, for snapshots and trace events. */
    public long id() {
        return id;
    }

    public SuperBlock sb() {
        return sb;
    }

    public String name() {
        return name;
    }

    /**
     * The last snapshot record of this dentry (for {@code org.vfscope.trace}): an immutable
     * object that a snapshot taker reuses when every field still agrees, so an unchanged dentry
     * costs no allocation. Any thread; the engine never reads it.
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

    /** The stamp the superblock's LRU gave this dentry when it last joined (meaningful while on it). */
    @Override
    public long lruStamp() {
        return lruStamp;
    }

    @Override
    public void setLruStamp(long stamp) {
        lruStamp = stamp;
    }

    /** d_parent; a root dentry is its own parent. */
    public Dentry parent() {
        return parent;
    }

    public boolean isRoot() {
        return parent == this;
    }

    /** d_inode: null for a negative dentry. */
    public Inode inode() {
        return inode;
    }

    public boolean isNegative() {
        return inode == null;
    }

    public boolean isPositive() {
        return inode != null;
    }

    public boolean isDir() {
        Inode i = inode;
        return i != null && i.isDir();
    }

    /** d_count: references held; zero while cached unused; negative once dead. */
    public int count() {
        return count.get();
    }

    public boolean isDead() {
        return count.get() < 0;
    }

    /** d_unhashed() inverted: findable by lookup. */
    public boolean isHashed() {
        return hashed;
    }

    public DentryOperations op() {
        return op;
    }

    /** d_fsdata: private to the filesystem. */
    public Object fsData() {
        return fsData;
    }

    public void setFsData(Object data) {
        this.fsData = data;
    }

    public boolean hasFlag(DentryFlag f) {
        return (flagBits & bit(f)) != 0;
    }

    /** The flags as bits, bit i for the flag of ordinal i: what a snapshot copies without allocating. */
    public int flagBits() {
        return flagBits;
    }

    /** A copy of the flags. */
    public Set<DentryFlag> flags() {
        EnumSet<DentryFlag> out = EnumSet.noneOf(DentryFlag.class);
        int bits = flagBits;
        for (DentryFlag f : DentryFlag.values()) {
            if ((bits & bit(f)) != 0) {
                out.add(f);
            }
        }
        return out;
    }

    /** Whether something is mounted here (DCACHE_MOUNTED), checked on every walk step. */
    public boolean isMountpoint() {
        return hasFlag(DentryFlag.MOUNTED);
    }

    void setFlag(DentryFlag f) {
        flagBits |= bit(f);
        dcache.changed(this);
    }

    void clearFlag(DentryFlag f) {
        int bits = flagBits;
        if ((bits & bit(f)) != 0) {
            flagBits = bits & ~bit(f);
            dcache.changed(this);
        }
    }

    boolean testAndClear(DentryFlag f) {
        boolean was = hasFlag(f);
        clearFlag(f);
        return was;
    }

    private static int bit(DentryFlag f) {
        return 1 << f.ordinal();
    }

    /** The child dentries cached under this one (a copy, taken under the dcache lock). */
    public List<Dentry> children() {
        return dcache.childrenOf(this);
    }

    /** dget: take a reference on a dentry the caller already holds one on. */
    public Dentry get() {
        dcache.dget(this);
        return this;
    }

    /** dput. */
    public void put() {
        dcache.dput(this);
    }

    /** The path from the filesystem root, e.g. {@code /a/b}; best effort under concurrent renames. */
    public String pathFromRoot() {
        List<String> parts = new ArrayList<>();
        Dentry d = this;
        for (int i = 0; i < 4096 && !d.isRoot(); i++) {
            parts.add(d.name);
            d = d.parent;
        }
        if (parts.isEmpty()) {
            return "/";
        }
        Collections.reverse(parts);
        return "/" + String.join("/", parts);
    }

    @Override
    public String toString() {
        return "dentry " + pathFromRoot() + (inode == null ? " (negative)" : "");
    }
}
