package org.vfscope.vfs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vfscope.mm.BdiWriteback;
import org.vfscope.mm.Errseq;
import org.vfscope.vfs.dcache.Dentry;
import org.vfscope.vfs.lock.LockClass;
import org.vfscope.vfs.lock.Mutex;
import org.vfscope.vfs.lock.RwSemaphore;

/**
 * {@code struct super_block}: one mounted filesystem instance. Holds the root dentry, the
 * operations table, the per-superblock dentry and inode LRUs the shrinker scans, the dirty-inode
 * lists, the freeze state, and the {@code s_umount} and {@code s_vfs_rename_mutex} locks.
 */
public class SuperBlock {
    private static final Logger LOG = LoggerFactory.getLogger(SuperBlock.class);
    /** The anonymous device numbers the kernel hands to nodev filesystems start at major 0. */
    private static final AtomicInteger ANON_DEV = new AtomicInteger(0x20);

    private final Kernel kernel;
    private final FileSystemType type;
    private final SuperOperations ops;
    private final long dev;
    private final String id;
    private volatile int flags;
    private volatile String readOnlyReason;
    private volatile boolean active = true;
    private volatile Dentry root;
    private int blockSize = 4096;
    private long magic;
    private long maxBytes = Long.MAX_VALUE;
    private long timeGranularityNanos = 1;
    private volatile DentryOperations dentryOps;
    private final List<XattrHandler> xattrHandlers = new ArrayList<>();

    private final RwSemaphore sUmount = new RwSemaphore();
    private final Mutex renameMutex = new Mutex(LockClass.S_VFS_RENAME_MUTEX);
    private final Set<Inode> inodes = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
    private final ListLru<Dentry> dentryLru = new ListLru<>();
    private final ListLru<Inode> inodeLru = new ListLru<>();
    private final BdiWriteback wb = new BdiWriteback();
    private final Errseq wbErr = new Errseq();
    private final Object freezeLock = new Object();
    private int writers;
    private boolean frozen;

    public SuperBlock(Kernel kernel, FileSystemType type, SuperOperations ops, String id, int flags) {
        this.kernel = kernel;
        this.type = type;
        this.ops = ops;
        this.id = id;
        this.flags = flags;
        this.dev = ANON_DEV.getAndIncrement();
    }

    public Kernel kernel() {
        return kernel;
    }

    public FileSystemType type() {
        return type;
    }

    public SuperOperations ops() {
        return ops;
    }

    /** s_dev, as st_dev shows it. */
    public long dev() {
        return dev;
    }

    /** s_id: the device or source name, for messages. */
    public String id() {
        return id;
    }

    public int flags() {
        return flags;
    }

    public void setFlags(int flags) {
        this.flags = flags;
    }

    public boolean isReadOnly() {
        return (flags & MountFlags.RDONLY) != 0;
    }

    /** Why the driver made this superblock read-only although read-write was asked for, or null. */
    public String readOnlyReason() {
        return readOnlyReason;
    }

    /** Set by a driver that mounts read-only what it cannot write; EROFS messages then say why. */
    public void setReadOnlyReason(String why) {
        this.readOnlyReason = why;
    }

    /** SB_ACTIVE: cleared when unmounting starts, so nothing more is cached. */
    public boolean isActive() {
        return active;
    }

    public Dentry root() {
        return root;
    }

    public void setRoot(Dentry root) {
        this.root = root;
    }

    public int blockSize() {
        return blockSize;
    }

    public void setBlockSize(int blockSize) {
        this.blockSize = blockSize;
    }

    public long magic() {
        return magic;
    }

    public void setMagic(long magic) {
        this.magic = magic;
    }

    /** s_maxbytes: the largest file size; writes beyond fail with EFBIG. */
    public long maxBytes() {
        return maxBytes;
    }

    public void setMaxBytes(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** s_time_gran: timestamps are truncated to this many nanoseconds. */
    public void setTimeGranularityNanos(long nanos) {
        this.timeGranularityNanos = nanos;
    }

    /** current_time(): now, at this filesystem's granularity. */
    public Instant currentTime() {
        Instant now = kernel.clock().now();
        if (timeGranularityNanos <= 1) {
            return now;
        }
        long nanos = now.getNano() - now.getNano() % Math.min(timeGranularityNanos, 1_000_000_000L);
        long secs = now.getEpochSecond();
        if (timeGranularityNanos > 1_000_000_000L) {
            secs -= secs % (timeGranularityNanos / 1_000_000_000L);
            nanos = 0;
        }
        return Instant.ofEpochSecond(secs, nanos);
    }

    /** s_d_op: dentry operations given to every dentry of this filesystem. */
    public DentryOperations dentryOps() {
        return dentryOps;
    }

    public void setDentryOps(DentryOperations dentryOps) {
        this.dentryOps = dentryOps;
    }

    /** s_xattr: the handlers by name prefix. */
    public List<XattrHandler> xattrHandlers() {
        return xattrHandlers;
    }

    public RwSemaphore sUmount() {
        return sUmount;
    }

    /** s_vfs_rename_mutex: serialises cross-directory renames on this filesystem. */
    public Mutex renameMutex() {
        return renameMutex;
    }

    /** s_inodes: every inode of this superblock that the inode cache holds. */
    public Set<Inode> inodes() {
        return inodes;
    }

    /** s_dentry_lru; guarded by the dcache lock. */
    public ListLru<Dentry> dentryLru() {
        return dentryLru;
    }

    /** s_inode_lru; guarded by the inode cache lock. */
    public ListLru<Inode> inodeLru() {
        return inodeLru;
    }

    /** s_wb_err: writeback errors anywhere on this filesystem, for syncfs. */
    public Errseq wbErr() {
        return wbErr;
    }

    /** The dirty-inode lists of this filesystem's backing device. */
    public BdiWriteback wb() {
        return wb;
    }

    /** sb_start_write: blocks while the filesystem is frozen. Pair with {@link #endWrite()}. */
    public void startWrite() {
        synchronized (freezeLock) {
            boolean interrupted = false;
            while (frozen) {
                try {
                    freezeLock.wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            writers++;
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** sb_end_write. */
    public void endWrite() {
        synchronized (freezeLock) {
            writers--;
            freezeLock.notifyAll();
        }
    }

    public boolean isFrozen() {
        synchronized (freezeLock) {
            return frozen;
        }
    }

    /**
     * freeze_super: stop new writers, wait for running ones, sync, then ->freeze_fs.
     * EBUSY if already frozen.
     */
    public void freeze() {
        sUmount.lockExclusive(LockClass.S_UMOUNT);
        try {
            synchronized (freezeLock) {
                if (frozen) {
                    throw new VfsException(Errno.EBUSY, id, "already frozen");
                }
                frozen = true;
                while (writers > 0) {
                    try {
                        freezeLock.wait();
                    } catch (InterruptedException e) {
                        frozen = false;
                        freezeLock.notifyAll();
                        Thread.currentThread().interrupt();
                        throw new VfsException(Errno.EAGAIN, id, "interrupted while freezing");
                    }
                }
            }
            if (!isReadOnly()) {
                kernel.syncFilesystem(this);
            }
            ops.freezeFs(this);
        } finally {
            sUmount.unlockExclusive();
        }
    }

    /** thaw_super: EINVAL if not frozen. */
    public void thaw() {
        sUmount.lockExclusive(LockClass.S_UMOUNT);
        try {
            synchronized (freezeLock) {
                if (!frozen) {
                    throw new VfsException(Errno.EINVAL, id, "not frozen");
                }
            }
            ops.unfreezeFs(this);
            synchronized (freezeLock) {
                frozen = false;
                freezeLock.notifyAll();
            }
        } finally {
            sUmount.unlockExclusive();
        }
    }

    /**
     * generic_shutdown_super: stop caching, drop every dentry, write and evict every inode, then
     * ->put_super.
     */
    public void genericShutdown() {
        sUmount.lockExclusive(LockClass.S_UMOUNT);
        try {
            active = false;
            kernel.dcache().shrinkForUmount(this);
            if (!isReadOnly()) {
                kernel.syncFilesystem(this);
            }
            kernel.icache().evictAll(this);
            if (!inodes.isEmpty()) {
                LOG.warn("{}: {} inodes still busy after unmount", id, inodes.size());
            }
            ops.putSuper(this);
        } finally {
            sUmount.unlockExclusive();
        }
    }

    @Override
    public String toString() {
        return type.name() + " on " + id;
    }
}
