package org.vfscope.fs.ext;

import org.vfscope.vfs.Errno;
import org.vfscope.vfs.VfsException;

/**
 * The ext2/ext3 block map (ext4_ind_map_blocks / ext4_get_branch): 12 direct pointers in
 * i_block, then one single, one double and one triple indirect block. The depth is fixed, so a
 * pointer cycle cannot make a lookup loop; each pointer is range-checked before it is followed.
 */
public final class IndirectMap implements BlockMap {
    static final int NDIR = 12;

    private final ExtFs fs;
    private final long ino;
    private final long[] words;
    private final long perBlock;

    IndirectMap(ExtFs fs, ExtInodeRaw raw) {
        this(fs, raw.ino(), snapshot(raw));
    }

    /** A map over {@code words} itself, so it follows i_block as the write side changes it. */
    IndirectMap(ExtFs fs, long ino, long[] words) {
        this.fs = fs;
        this.ino = ino;
        this.words = words;
        this.perBlock = fs.info().blockSize() / 4;
    }

    private static long[] snapshot(ExtInodeRaw raw) {
        long[] w = new long[15];
        for (int i = 0; i < 15; i++) {
            w[i] = raw.iBlockWord(i);
        }
        return w;
    }

    @Override
    public long maxBlocks() {
        return NDIR + perBlock + perBlock * perBlock + perBlock * perBlock * perBlock;
    }

    @Override
    public BlockMapping map(long logical) {
        if (logical < 0) {
            throw new VfsException(Errno.EINVAL, "inode " + ino, "negative block " + logical);
        }
        long l = logical;
        if (l < NDIR) {
            return leaf(words[(int) l]);
        }
        l -= NDIR;
        if (l < perBlock) {
            return leaf(entry(words[12], l));
        }
        l -= perBlock;
        if (l < perBlock * perBlock) {
            return leaf(entry(entry(words[13], l / perBlock), l % perBlock));
        }
        l -= perBlock * perBlock;
        if (l < perBlock * perBlock * perBlock) {
            long dind = entry(words[14], l / (perBlock * perBlock));
            return leaf(entry(entry(dind, (l / perBlock) % perBlock), l % perBlock));
        }
        return BlockMapping.hole(1);
    }

    /** Entry {@code index} of indirect block {@code block}; 0 (a hole) stays 0. */
    private long entry(long block, long index) {
        if (block == 0) {
            return 0;
        }
        fs.checkBlocks(ino, block, 1, "indirect block");
        byte[] data = fs.blockView(block);
        return Le.u32(data, (int) (index * 4));
    }

    private BlockMapping leaf(long block) {
        if (block == 0) {
            return BlockMapping.hole(1);
        }
        fs.checkBlocks(ino, block, 1, "data block");
        return new BlockMapping(block, 1, false);
    }
}
