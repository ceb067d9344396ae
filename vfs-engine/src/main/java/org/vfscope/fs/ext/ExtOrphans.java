package org.vfscope.fs.ext;

import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vfscope.vfs.SuperBlock;
import org.vfscope.vfs.VfsException;
import org.vfscope.vfs.icache.InodeState;

/**
 * ext4_orphan_cleanup for the superblock's orphan list (s_last_orphan, chained through i_dtime):
 * inodes that were open when their last link went are freed (their last iput, which gives back
 * blocks, xattr block and the inode), inodes that were being truncated lose every block past
 * i_size. Runs once at a read-write mount, before anything else uses the filesystem; the list is
 * emptied as it goes, as the kernel does, so a bad entry ends it instead of looping. The tail of
 * the last block past i_size is not zeroed (e2fsck's release_orphan_inodes does not either).
 */
final class ExtOrphans {
    private static final Logger LOG = LoggerFactory.getLogger(ExtOrphans.class);
    /** s_last_orphan in the superblock. */
    static final int OFF_LAST_ORPHAN = 0xE8;

    private ExtOrphans() {
    }

    /** Releases every inode on the orphan list of the filesystem {@code ops} drives, mounted read-write as {@code sb}. */
    static void cleanup(ExtSuper ops, SuperBlock sb) {
        ExtFs fs = ops.fs();
        long ino = lastOrphan(fs);
        if (ino == 0) {
            return;
        }
        Set<Long> seen = new HashSet<>();
        int freed = 0;
        int truncated = 0;
        while (ino != 0) {
            if (!seen.add(ino) || !validOrphan(fs, ino)) {
                fs.problems().report(ExtProblem.Code.INODE_BAD, ino, -1, "bad orphan inode " + ino
                        + "; the rest of the orphan list is dropped (e2fsck -f finds what it held)");
                break;
            }
            ExtInode inode;
            try {
                inode = ops.igetOrphan(sb, ino);
            } catch (VfsException e) {
                fs.problems().report(ExtProblem.Code.INODE_BAD, ino, -1, "orphan inode unreadable: " + e.getMessage());
                break;
            }
            long next = inode.dtime();
            setLastOrphan(fs, next);
            inode.setDtime(0); // NEXT_ORPHAN: off the list
            if (inode.nlink() == 0) {
                freed++; // the last iput below frees it (ext4_evict_inode)
            } else {
                if (inode.isRegular()) {
                    truncate(ops, inode);
                    truncated++;
                }
                inode.markDirty(InodeState.I_DIRTY_SYNC);
            }
            sb.kernel().icache().iput(inode);
            ino = next;
        }
        setLastOrphan(fs, 0);
        LOG.info("{}: orphan list: {} inode{} freed, {} truncated", sb.id(), freed, freed == 1 ? "" : "s", truncated);
    }

    /** ext4_truncate of an orphan still linked: every block past i_size goes. */
    private static void truncate(ExtSuper ops, ExtInode inode) {
        int bs = ops.fs().info().blockSize();
        inode.truncatePagecache(inode.size());
        synchronized (inode.truncateMutex()) {
            ops.mapWriter().truncate(inode, (inode.size() + bs - 1) / bs);
        }
    }

    /** ext4_orphan_get's checks: an ordinary inode number whose bit is set in the inode bitmap. */
    private static boolean validOrphan(ExtFs fs, long ino) {
        ExtSuperBlockInfo info = fs.info();
        if (ino < info.firstIno() || ino > info.inodesCount()) {
            return false;
        }
        long g = (ino - 1) / info.inodesPerGroup();
        int bit = (int) ((ino - 1) % info.inodesPerGroup());
        ExtGroupDesc gd = fs.groups().get(g);
        if (gd.hasFlag(ExtGroupDesc.INODE_UNINIT)) {
            return false;
        }
        return ExtBlockAllocator.test(fs.blockBytes(gd.inodeBitmap()), bit);
    }

    private static long lastOrphan(ExtFs fs) {
        int bs = fs.info().blockSize();
        byte[] b = fs.blockBytes(ExtSuperBlockInfo.OFFSET / bs);
        return Le.u32(b, ExtSuperBlockInfo.OFFSET % bs + OFF_LAST_ORPHAN);
    }

    /** es->s_last_orphan, in the superblock's buffer, checksum kept. */
    private static void setLastOrphan(ExtFs fs, long ino) {
        int bs = fs.info().blockSize();
        int off = ExtSuperBlockInfo.OFFSET % bs;
        fs.editBlock(ExtSuperBlockInfo.OFFSET / bs, b -> {
            Le.put32(b, off + OFF_LAST_ORPHAN, ino);
            if (fs.info().hasMetadataCsum()) {
                byte[] sb = Le.slice(b, off, ExtSuperBlockInfo.SIZE);
                Le.put32(b, off + ExtSuperBlockInfo.CHECKSUM_OFFSET, ExtChecksums.superblock(sb));
            }
        });
    }
}
