package org.vfscope.fs.ext;

import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vfscope.vfs.SuperBlock;
import org.vfscope.vfs.VfsException;
import org.vfscope.vfs.icache.InodeState;

/**
 * ext4_orphan_cleanup for the superblock's orphan list (s_last_orphan, chained through i_dtime)
 * and for the orphan file's entries (orphan_file with orphan_present): inodes that were open when their last link went are freed (their last iput, which gives back
 * blocks, xattr block and the inode), inodes that were being truncated lose every block past
 * i_size. Runs once at a read-write mount, before anything else uses the filesystem; the list is
 * emptied as it goes, as the kernel does, so a bad entry ends it instead of looping; a bad entry
 * is reported and left for e2fsck. The tail of
 * the last block past i_size is not zeroed (e2fsck's release_orphan_inodes does not either).
 */
final class ExtOrphans {
    private static final Logger LOG = LoggerFactory.getLogger(ExtOrphans.class);
    /** s_last_orphan in the superblock. */
    static final int OFF_LAST_ORPHAN = 0xE8;
    /** s_orphan_file_inum. */
    private static final int OFF_ORPHAN_FILE_INUM = 0x280;
    /** ext4_orphan_block_tail: ob_magic, ob_checksum at the end of each orphan file block. */
    private static final int ORPHAN_TAIL = 8;
    private static final long ORPHAN_MAGIC = 0x0b10ca04L;

    private ExtOrphans() {
    }

    /**
     * Releases every inode on the orphan list and in the orphan file of the filesystem
     * {@code ops} drives, mounted read-write as {@code sb}.
     */
    static void cleanup(ExtSuper ops, SuperBlock sb) {
        Counts counts = new Counts();
        try {
            releaseList(ops, sb, counts);
            releaseOrphanFile(ops, sb, counts);
        } catch (VfsException e) {
            // as ext4_orphan_cleanup, a failure is logged and the mount goes on; e2fsck finds the rest
            ops.fs().problems().report(ExtProblem.Code.INODE_BAD, 0, -1, "orphan cleanup stopped: " + e.getMessage());
        }
        if (counts.freed + counts.truncated > 0) {
            LOG.info("{}: orphan inodes: {} freed, {} truncated", sb.id(), counts.freed, counts.truncated);
        }
    }

    private static final class Counts {
        int freed;
        int truncated;
    }

    /** The s_last_orphan list, chained through i_dtime; emptied as it goes. */
    private static void releaseList(ExtSuper ops, SuperBlock sb, Counts counts) {
        ExtFs fs = ops.fs();
        long ino = lastOrphan(fs);
        if (ino == 0) {
            return;
        }
        Set<Long> seen = new HashSet<>();
        while (ino != 0) {
            if (!seen.add(ino)) {
                bad(fs, ino, "met twice");
                break;
            }
            ExtInode inode = orphanGet(ops, sb, ino);
            if (inode == null) {
                break;
            }
            long next = inode.dtime();
            setLastOrphan(fs, next);
            release(ops, sb, inode, counts);
            ino = next;
        }
        setLastOrphan(fs, 0);
    }

    /**
     * The orphan file (COMPAT_ORPHAN_FILE): while RO_COMPAT_ORPHAN_PRESENT says entries may be
     * there, every non-zero entry of every block is an orphan; each is released and its entry
     * zeroed, the block's checksum renewed, and orphan_present cleared at the end.
     */
    private static void releaseOrphanFile(ExtSuper ops, SuperBlock sb, Counts counts) {
        ExtFs fs = ops.fs();
        ExtSuperBlockInfo info = fs.info();
        if (!info.hasCompat(ExtFeatures.COMPAT_ORPHAN_FILE) || !info.hasRoCompat(ExtFeatures.RO_COMPAT_ORPHAN_PRESENT)) {
            return;
        }
        int bs = info.blockSize();
        long fileIno = Le.u32(superBytes(fs), OFF_ORPHAN_FILE_INUM);
        if (fileIno == 0 || fileIno > info.inodesCount()) {
            bad(fs, fileIno, "no orphan file inode");
            return;
        }
        ExtInodeRaw raw = fs.inodes().read(fileIno);
        BlockMap map = fs.blockMap(raw);
        int seed = info.hasMetadataCsum() ? fs.csum().inodeSeed(fileIno, raw.generation()) : 0;
        int perBlock = (bs - ORPHAN_TAIL) / 4;
        for (long lblk = 0; lblk < raw.fileSize() / bs; lblk++) {
            BlockMapping m = map.map(lblk);
            if (m.isHole()) {
                continue;
            }
            long pblk = m.physical();
            byte[] b = fs.blockBytes(pblk);
            if (Le.u32(b, bs - ORPHAN_TAIL) != ORPHAN_MAGIC) {
                bad(fs, fileIno, "orphan file block " + lblk + " has no tail magic");
                continue;
            }
            for (int i = 0; i < perBlock; i++) {
                long ino = Le.u32(b, i * 4);
                if (ino == 0) {
                    continue;
                }
                ExtInode inode = orphanGet(ops, sb, ino);
                int at = i * 4;
                fs.editBlock(pblk, blk -> {
                    Le.put32(blk, at, 0);
                    if (info.hasMetadataCsum()) {
                        Le.put32(blk, bs - 4, orphanBlockCsum(seed, pblk, blk, perBlock));
                    }
                });
                if (inode != null) {
                    release(ops, sb, inode, counts);
                }
            }
        }
        editSuper(fs, b -> Le.put32(b, 0x64, Le.u32(b, 0x64) & ~ExtFeatures.RO_COMPAT_ORPHAN_PRESENT));
    }

    /** ext4_orphan_file_block_csum: the orphan file's inode seed, the block number (64 bits), the entries. */
    static int orphanBlockCsum(int inodeSeed, long pblk, byte[] block, int perBlock) {
        int c = Crc.crc32c(inodeSeed, Le.le64(pblk), 0, 8);
        return Crc.crc32c(c, block, 0, perBlock * 4);
    }

    /** The inode of an orphan entry, or null (reported) when it is not one ext4_orphan_get would take. */
    private static ExtInode orphanGet(ExtSuper ops, SuperBlock sb, long ino) {
        ExtFs fs = ops.fs();
        if (!validOrphan(fs, ino)) {
            bad(fs, ino, "not an inode in use");
            return null;
        }
        try {
            return ops.igetOrphan(sb, ino);
        } catch (VfsException e) {
            bad(fs, ino, e.getMessage());
            return null;
        }
    }

    /** An orphan off its list: without links its last iput frees it (ext4_evict_inode), else it is truncated to i_size. */
    private static void release(ExtSuper ops, SuperBlock sb, ExtInode inode, Counts counts) {
        inode.setDtime(0); // NEXT_ORPHAN: off the list
        if (inode.nlink() == 0) {
            counts.freed++;
        } else {
            if (inode.isRegular()) {
                truncate(ops, inode);
                counts.truncated++;
            }
            inode.markDirty(InodeState.I_DIRTY_SYNC);
        }
        sb.kernel().icache().iput(inode);
    }

    private static void bad(ExtFs fs, long ino, String why) {
        fs.problems().report(ExtProblem.Code.INODE_BAD, ino, -1, "bad orphan inode " + ino + " (" + why
                + "); left for e2fsck -f");
    }

    /** ext4_truncate of an orphan still linked: every block past i_size goes. */
    private static void truncate(ExtSuper ops, ExtInode inode) {
        int bs = ops.fs().info().blockSize();
        inode.truncatePagecache(inode.size());
        if (inode.hasInlineData()) {
            try {
                ops.inlineData().truncate(inode, inode.size()); // ext4_inline_data_truncate
            } catch (VfsException e) {
                bad(ops.fs(), inode.ino(), e.getMessage());
            }
            return;
        }
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
        return Le.u32(superBytes(fs), OFF_LAST_ORPHAN);
    }

    /** A copy of the superblock as its buffer holds it now. */
    private static byte[] superBytes(ExtFs fs) {
        int bs = fs.info().blockSize();
        return Le.slice(fs.blockBytes(ExtSuperBlockInfo.OFFSET / bs), ExtSuperBlockInfo.OFFSET % bs, ExtSuperBlockInfo.SIZE);
    }

    /** es->s_last_orphan, in the superblock's buffer. */
    private static void setLastOrphan(ExtFs fs, long ino) {
        editSuper(fs, b -> Le.put32(b, OFF_LAST_ORPHAN, ino));
    }

    /** Changes the primary superblock in its buffer ({@code edit} sees it at offset 0), checksum kept. */
    private static void editSuper(ExtFs fs, java.util.function.Consumer<byte[]> edit) {
        int bs = fs.info().blockSize();
        int off = ExtSuperBlockInfo.OFFSET % bs;
        fs.editBlock(ExtSuperBlockInfo.OFFSET / bs, b -> {
            byte[] sb = Le.slice(b, off, ExtSuperBlockInfo.SIZE);
            edit.accept(sb);
            if (fs.info().hasMetadataCsum()) {
                Le.put32(sb, ExtSuperBlockInfo.CHECKSUM_OFFSET, ExtChecksums.superblock(sb));
            }
            System.arraycopy(sb, 0, b, off, sb.length);
        });
    }
}
