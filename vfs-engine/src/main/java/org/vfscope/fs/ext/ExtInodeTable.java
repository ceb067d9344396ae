package org.vfscope.fs.ext;

import org.vfscope.mm.BufferCache;
import org.vfscope.mm.BufferHead;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.VfsException;

/**
 * Finding and reading on-disk inodes (__ext4_get_inode_loc): inode number to group, inode table
 * block and offset, through the buffer cache, with the inode checksum verified (a mismatch is a
 * problem, not a failure: the inode is still returned).
 */
public final class ExtInodeTable {
    private final ExtSuperBlockInfo info;
    private final BufferCache cache;
    private final ExtGroupTable groups;
    private final ExtChecksums csum;
    private final ExtProblems problems;

    ExtInodeTable(ExtSuperBlockInfo info, BufferCache cache, ExtGroupTable groups, ExtChecksums csum,
            ExtProblems problems) {
        this.info = info;
        this.cache = cache;
        this.groups = groups;
        this.csum = csum;
        this.problems = problems;
    }

    /** Where inode {@code ino} lives: the block and the byte offset in it. */
    public record Location(long block, int offset) {
    }

    public Location locate(long ino) {
        if (ino < 1 || ino > info.inodesCount()) {
            throw new VfsException(Errno.EUCLEAN, "inode " + ino, "inode number beyond " + info.inodesCount());
        }
        long group = (ino - 1) / info.inodesPerGroup();
        long index = (ino - 1) % info.inodesPerGroup();
        ExtGroupDesc gd = groups.get(group);
        long byteOff = index * info.inodeSize();
        return new Location(gd.inodeTable() + byteOff / info.blockSize(), (int) (byteOff % info.blockSize()));
    }

    /** The inode's bytes as stored; checksum problems are recorded, not thrown. */
    public ExtInodeRaw read(long ino) {
        Location loc = locate(ino);
        BufferHead bh = cache.bread(loc.block());
        byte[] bytes = new byte[info.inodeSize()];
        bh.data().get(loc.offset(), bytes);
        ExtInodeRaw raw = new ExtInodeRaw(ino, bytes);
        verify(raw, loc.block());
        return raw;
    }

    private void verify(ExtInodeRaw raw, long block) {
        if (!csum.metadataCsum()) {
            return;
        }
        int want = csum.inode(raw.ino(), raw.generation(), raw.rawBytes(), raw.hasChecksumHi());
        int stored = raw.storedChecksum();
        if (!raw.hasChecksumHi()) {
            want &= 0xffff;
        }
        if (want != stored) {
            problems.report(ExtProblem.Code.INODE_CHECKSUM, raw.ino(), block,
                    String.format("inode checksum 0x%08x, computed 0x%08x", stored, want));
        }
    }
}
