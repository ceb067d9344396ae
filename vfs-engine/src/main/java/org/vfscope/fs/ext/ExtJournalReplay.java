package org.vfscope.fs.ext;

import java.nio.ByteBuffer;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vfscope.block.BlockDevice;
import org.vfscope.fs.jbd2.JournalException;
import org.vfscope.fs.jbd2.JournalMap;
import org.vfscope.fs.jbd2.JournalRecovery;
import org.vfscope.fs.jbd2.JournalSuperblock;
import org.vfscope.fs.jbd2.RecoveryResult;
import org.vfscope.mm.BufferCache;
import org.vfscope.vfs.FileMode;
import org.vfscope.vfs.Kernel;
import org.vfscope.vfs.KernelClock;
import org.vfscope.vfs.MountOptions;
import org.vfscope.vfs.SuperBlock;
import org.vfscope.vfs.VfsException;

/**
 * ext3/ext4's side of journal recovery, as ext4_load_journal and e2fsck_run_ext3_journal do it
 * before the filesystem is used: find the journal (the inode in s_journal_inum; an external
 * journal device is not supported), map its blocks, replay it with {@link JournalRecovery}, then
 * mark the journal empty (s_start 0, the sequence moved past the replayed transactions) and clear
 * needs_recovery in the superblock, so that e2fsck accepts the result. A replay that met trouble
 * also marks the filesystem as not clean, as e2fsck_clear_recover does, so that the next fsck
 * checks it fully. Runs on the bare device, before any mount: nothing is cached around it.
 */
public final class ExtJournalReplay {
    private static final Logger LOG = LoggerFactory.getLogger(ExtJournalReplay.class);
    private static final int OFF_STATE = 0x3A;
    private static final int OFF_INCOMPAT = 0x60;
    private static final int OFF_JOURNAL_UUID = 0xD0;
    private static final int OFF_LAST_ORPHAN = 0xE8;
    private static final int STATE_VALID = 0x1;
    private static final int STATE_ERROR = 0x2;
    /** EXT4_FC_TAG_HEAD: the first tag of a fast-commit area in use. */
    private static final int FC_TAG_HEAD = 0x0009;
    /** Journals larger than this (blocks) are not made by mke2fs; a bound for hostile inodes. */
    private static final long MAX_JOURNAL_BLOCKS = 1L << 25;

    private ExtJournalReplay() {
    }

    /** Whether {@code device} holds an ext superblock with needs_recovery set (false for anything unreadable). */
    public static boolean needsRecovery(BlockDevice device) {
        try {
            ExtSuperBlockInfo info = readSuper(device);
            return info.magic() == ExtSuperBlockInfo.MAGIC && info.hasIncompat(ExtFeatures.INCOMPAT_RECOVER);
        } catch (VfsException | IllegalArgumentException | IndexOutOfBoundsException e) {
            return false;
        }
    }

    /**
     * Replays the journal of the ext filesystem on {@code device} into it, and marks it recovered.
     * The device must take writes (an overlay, to keep the image as it is).
     *
     * @throws JournalException when the journal cannot be replayed: UNSUPPORTED (external journal,
     *                          unknown features), BAD_SUPERBLOCK, BAD_JOURNAL_INODE, CORRUPT_LOG, IO.
     *                          Blocks may have been written before a CORRUPT_LOG or IO failure.
     */
    public static RecoveryResult replay(BlockDevice device) {
        ExtSuperBlockInfo info = readSuper(device);
        info.validate();
        if (!info.hasIncompat(ExtFeatures.INCOMPAT_RECOVER)) {
            throw new IllegalStateException(device.name() + " needs no recovery");
        }
        if (!info.hasCompat(ExtFeatures.COMPAT_HAS_JOURNAL)) {
            throw new JournalException(JournalException.Kind.BAD_JOURNAL_INODE, "superblock",
                    "needs_recovery is set but the filesystem has no journal");
        }
        if (info.journalInum() == 0) {
            byte[] uuid = java.util.Arrays.copyOfRange(info.raw(), OFF_JOURNAL_UUID, OFF_JOURNAL_UUID + 16);
            throw new JournalException(JournalException.Kind.UNSUPPORTED, "superblock",
                    "the journal is on an external device (journal UUID " + uuidString(uuid)
                            + "); replaying external journals is not supported, use e2fsck -E journal_only with it");
        }
        int bs = info.blockSize();
        JournalMap map = mapJournal(device, info);
        byte[] jsbBlock = readBlock(device, map.physical(0), bs);
        JournalSuperblock jsb = JournalSuperblock.parse(jsbBlock, bs, map.blocks());
        RecoveryResult result = JournalRecovery.recover(device, map, jsb, info.blocksCount());
        if (jsb.needsRecovery() && jsb.hasFastCommit()) {
            result = withFastCommitNote(device, map, jsb, result);
        }
        if (jsb.needsRecovery()) {
            write(device, map.physical(0) * bs, jsb.recovered(result.nextSequence()));
        }
        clearRecover(device, !result.clean());
        device.flush();
        releaseOrphans(device);
        return result;
    }

    /**
     * ext4_orphan_cleanup after the replay, as the kernel's mount does it: the filesystem is
     * mounted read-write on a kernel of its own, which frees the inodes deleted while open and
     * finishes interrupted truncates ({@link ExtOrphans}), then unmounted. Nothing happens on a
     * filesystem this driver cannot write, or when the mount fails: the orphans stay listed
     * ({@link #hasOrphans} says so) for e2fsck or the kernel.
     *
     * @return whether the orphan list was processed
     */
    public static boolean releaseOrphans(BlockDevice device) {
        ExtSuperBlockInfo info = readSuper(device);
        if (!hasOrphans(device) || device.isReadOnly()
                || info.hasIncompat(ExtFeatures.INCOMPAT_RECOVER) || ExtWritability.whyReadOnly(info) != null) {
            return false;
        }
        Kernel kernel = Kernel.boot();
        String name = device.name();
        kernel.addBlockDevice(name, device);
        try {
            SuperBlock sb = new ExtFileSystemType(ExtFileSystemType.EXT4).mount(kernel, name, 0, MountOptions.parse("rw"));
            kernel.syncFilesystem(sb);
            sb.type().killSuper(sb);
            device.flush();
            return true;
        } catch (VfsException e) {
            LOG.warn("{}: orphan inodes not released: {}", name, e.getMessage());
            return false;
        } finally {
            kernel.removeBlockDevice(name);
        }
    }

    /**
     * Whether the filesystem on {@code device} lists orphan inodes: files deleted or truncated
     * while open when the system stopped. The kernel releases them at its next read-write mount
     * (ext4_orphan_cleanup), e2fsck when it fixes; the replay does too ({@link #releaseOrphans})
     * when this driver can write the filesystem, so what is left is reported.
     */
    public static boolean hasOrphans(BlockDevice device) {
        ExtSuperBlockInfo info = readSuper(device);
        return Le.u32(info.raw(), OFF_LAST_ORPHAN) != 0 || info.hasRoCompat(ExtFeatures.RO_COMPAT_ORPHAN_PRESENT);
    }

    /** The journal inode's blocks, mapped through its extent tree or indirect blocks. */
    private static JournalMap mapJournal(BlockDevice device, ExtSuperBlockInfo info) {
        Kernel kernel = Kernel.boot(new KernelClock.Manual(Instant.EPOCH));
        BufferCache cache = kernel.openBlockDevice(device, ExtSuperBlockInfo.SIZE);
        try {
            cache.setBlockSize(info.blockSize());
            ExtFs fs = new ExtFs(info, cache, device.name());
            long ino = info.journalInum();
            ExtInodeRaw raw = fs.inodes().read(ino);
            if (raw.linksCount() == 0 || (raw.mode() & FileMode.S_IFMT) != FileMode.S_IFREG
                    || raw.hasFlag(ExtInodeRaw.FL_INLINE_DATA)) {
                throw badInode(ino, String.format("not a regular file (mode 0%o, %d links)", raw.mode(), raw.linksCount()));
            }
            long blocks = Math.min(raw.fileSize() / info.blockSize(), MAX_JOURNAL_BLOCKS);
            BlockMap blockMap = fs.blockMap(raw);
            JournalMap.Builder builder = new JournalMap.Builder(info.blocksCount());
            while (builder.mapped() < blocks) {
                BlockMapping m = blockMap.map(builder.mapped());
                if (m.isHole()) {
                    break; // jbd2_journal_bmap fails here; the superblock check says whether it matters
                }
                builder.add(m.physical(), Math.min(m.count(), blocks - builder.mapped()));
            }
            if (builder.mapped() == 0) {
                throw badInode(ino, "no blocks mapped");
            }
            return builder.build();
        } catch (JournalException e) {
            throw e;
        } catch (VfsException e) {
            throw badInode(info.journalInum(), e.getMessage());
        } finally {
            kernel.closeBlockDevice(cache);
        }
    }

    /**
     * ext4's fast commits (the area after the log) are replayed by ext4 itself, not by jbd2, and
     * not here: when the area starts with a head block for the transaction after the replayed
     * log (ext4_fc_replay_scan's test), changes are missing, and the result says so.
     */
    private static RecoveryResult withFastCommitNote(BlockDevice device, JournalMap map, JournalSuperblock jsb,
                                                     RecoveryResult r) {
        long first = jsb.last() + 1;
        if (first >= map.blocks()) {
            return r;
        }
        byte[] b = readBlock(device, map.physical(first), jsb.blockSize());
        boolean head = Le.u16(b, 0) == FC_TAG_HEAD && Le.u32(b, 8) == Integer.toUnsignedLong(r.endTransaction());
        if (!head) {
            return r;
        }
        java.util.List<String> problems = new java.util.ArrayList<>(r.problems());
        problems.add("the journal holds fast commits after transaction "
                + Integer.toUnsignedString(r.endTransaction() - 1) + "; they are not replayed (e2fsck replays them)");
        return new RecoveryResult(r.startTransaction(), r.endTransaction(), r.blocksReplayed(), r.revokeRecords(),
                r.revokeHits(), r.failedCommit(), problems);
    }

    /** e2fsck_clear_recover: needs_recovery off; after trouble, the filesystem is marked for a full check. */
    private static void clearRecover(BlockDevice device, boolean troubled) {
        byte[] sb = readSuper(device).raw();
        Le.put32(sb, OFF_INCOMPAT, Le.u32(sb, OFF_INCOMPAT) & ~ExtFeatures.INCOMPAT_RECOVER);
        if (troubled) {
            int state = Le.u16(sb, OFF_STATE);
            Le.put16(sb, OFF_STATE, (state & ~STATE_VALID) | STATE_ERROR);
        }
        if (ExtSuperBlockInfo.parse(sb).hasMetadataCsum()) {
            Le.put32(sb, ExtSuperBlockInfo.CHECKSUM_OFFSET, ExtChecksums.superblock(sb));
        }
        write(device, ExtSuperBlockInfo.OFFSET, sb);
    }

    private static ExtSuperBlockInfo readSuper(BlockDevice device) {
        byte[] b = new byte[ExtSuperBlockInfo.SIZE];
        device.read(ExtSuperBlockInfo.OFFSET, ByteBuffer.wrap(b));
        return ExtSuperBlockInfo.parse(b);
    }

    private static byte[] readBlock(BlockDevice device, long block, int bs) {
        byte[] b = new byte[bs];
        try {
            device.read(block * bs, ByteBuffer.wrap(b));
        } catch (VfsException e) {
            throw new JournalException(JournalException.Kind.IO, "block " + block, e.getMessage());
        }
        return b;
    }

    private static void write(BlockDevice device, long offset, byte[] bytes) {
        try {
            device.write(offset, ByteBuffer.wrap(bytes));
        } catch (VfsException e) {
            throw new JournalException(JournalException.Kind.IO, "byte " + offset, e.getMessage());
        }
    }

    private static JournalException badInode(long ino, String detail) {
        return new JournalException(JournalException.Kind.BAD_JOURNAL_INODE, "journal inode " + ino, detail);
    }

    private static String uuidString(byte[] u) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < u.length; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) {
                s.append('-');
            }
            s.append(String.format("%02x", u[i] & 0xff));
        }
        return s.toString();
    }
}
