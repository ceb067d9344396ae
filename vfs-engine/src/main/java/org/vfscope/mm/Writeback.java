package org.vfscope.mm;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.vfscope.vfs.Inode;
import org.vfscope.vfs.Kernel;
import org.vfscope.vfs.SuperBlock;
import org.vfscope.vfs.icache.InodeState;

/**
 * Inode dirtying and writeback (fs/fs-writeback.c): {@code __mark_inode_dirty} queues an inode on
 * its device's b_dirty list stamped with {@code dirtied_when}; {@code writeback_single_inode}
 * writes pages and metadata under I_SYNC; {@code sync_inodes_sb} does so for a whole filesystem.
 */
public final class Writeback {
    private final Kernel kernel;
    /** wb->list_lock. */
    private final Object listLock = new Object();

    public Writeback(Kernel kernel) {
        this.kernel = kernel;
    }

    /** __mark_inode_dirty. */
    public void markInodeDirty(Inode inode, InodeState flag) {
        inode.sb().ops().dirtyInode(inode, EnumSet.of(flag));
        synchronized (listLock) {
            if (inode.hasState(flag)) {
                return;
            }
            boolean wasDirty = inode.hasAnyState(InodeState.DIRTY_ALL);
            inode.setState(flag);
            if (flag != InodeState.I_DIRTY_TIME) {
                inode.clearState(InodeState.I_DIRTY_TIME);
            }
            // Unhashed inodes (O_TMPFILE, being freed) are never queued, as in the kernel.
            if (!inode.isHashed() || inode.hasState(InodeState.I_FREEING)) {
                return;
            }
            BdiWriteback wb = inode.sb().wb();
            if (!wasDirty) {
                inode.setDirtiedWhen(kernel.clock().nanoTime());
            }
            if (!wasDirty || wb.listOf(inode) == BdiWriteback.IoList.B_DIRTY_TIME) {
                wb.remove(inode);
                wb.list(flag == InodeState.I_DIRTY_TIME ? BdiWriteback.IoList.B_DIRTY_TIME
                        : BdiWriteback.IoList.B_DIRTY).add(inode);
            }
        }
    }

    /** The writeback list the inode sits on, or null when it is on none. */
    public BdiWriteback.IoList ioListOf(Inode inode) {
        synchronized (listLock) {
            return inode.sb().wb().listOf(inode);
        }
    }

    /** Inodes of {@code sb} on any writeback list (dirty, or being written). */
    public int dirtyInodeCount(SuperBlock sb) {
        synchronized (listLock) {
            return sb.wb().all().size();
        }
    }

    /** inode_io_list_del: called on eviction. */
    public void removeFromLists(Inode inode) {
        synchronized (listLock) {
            inode.sb().wb().remove(inode);
        }
    }

    /**
     * writeback_single_inode: pages in the range of {@code wbc}, then the inode itself when its
     * metadata is dirty and either the pass is not a datasync or the change matters to one.
     */
    public void writebackSingleInode(Inode inode, WritebackControl wbc, boolean datasync) {
        synchronized (listLock) {
            inode.setState(InodeState.I_SYNC);
        }
        try {
            inode.mapping().writeDirty(wbc);
            Set<InodeState> dirtyMeta;
            synchronized (listLock) {
                if (inode.mapping().nrDirty() == 0) {
                    inode.clearState(InodeState.I_DIRTY_PAGES);
                }
                boolean writeMeta = inode.hasState(InodeState.I_DIRTY_DATASYNC)
                        || (!datasync && inode.hasAnyState(EnumSet.of(InodeState.I_DIRTY_SYNC,
                        InodeState.I_DIRTY_TIME)));
                dirtyMeta = writeMeta ? inode.state() : Set.of();
                if (writeMeta) {
                    inode.clearState(InodeState.I_DIRTY_SYNC);
                    inode.clearState(InodeState.I_DIRTY_DATASYNC);
                    inode.clearState(InodeState.I_DIRTY_TIME);
                }
            }
            if (!dirtyMeta.isEmpty()) {
                inode.sb().ops().writeInode(inode, wbc);
            }
        } finally {
            synchronized (listLock) {
                inode.clearState(InodeState.I_SYNC);
                if (!inode.hasAnyState(InodeState.DIRTY_ALL)) {
                    inode.sb().wb().remove(inode);
                }
            }
        }
        // inode_sync_complete: a clean, unused inode may now join the LRU.
        kernel.icache().addLru(inode);
    }

    /** sync_inodes_sb: every dirty inode of the filesystem, waiting for each. */
    public void syncInodes(SuperBlock sb) {
        List<Inode> dirty;
        synchronized (listLock) {
            dirty = sb.wb().all();
        }
        for (Inode inode : dirty) {
            writebackSingleInode(inode, WritebackControl.syncAll(), false);
        }
    }
}
