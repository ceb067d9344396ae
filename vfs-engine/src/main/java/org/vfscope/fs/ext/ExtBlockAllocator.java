package org.vfscope.fs.ext;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.vfscope.vfs.CurrentCredentials;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.VfsException;

/**
 * The block allocator (fs/ext2/balloc.c): ext2_new_blocks hands out a run of free blocks at or
 * after a goal, searching the goal's group first and then the following ones; ext2_free_blocks
 * gives blocks back. Each change goes to the block bitmap and the group descriptor through the
 * buffer cache, and to the free count the superblock gets at sync. A group still BLOCK_UNINIT
 * (uninit_bg) gets its bitmap built the first time a block of it is taken. Bitmaps are not
 * trusted: a block of the metadata zone is never handed out nor freed, and freeing a block that
 * is already free is recorded as a problem instead of being counted twice.
 */
final class ExtBlockAllocator {
    /** A bitmap read eight bytes at a time (the byte order does not matter for "all ones"). */
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private final ExtFs fs;

    ExtBlockAllocator(ExtFs fs) {
        this.fs = fs;
    }

    /** A run of blocks handed out. */
    record Run(long start, int count) {
    }

    /** ext2_new_blocks: between 1 and {@code count} contiguous blocks, at {@code goal} if it is free. */
    Run newBlocks(long ino, long goal, int count) {
        ExtSuperBlockInfo info = fs.info();
        synchronized (fs.allocLock()) {
            long available = fs.freeBlocks();
            if (!CurrentCredentials.get().isRoot()) {
                available -= info.reservedBlocksCount(); // ext2_has_free_blocks: the root reserve
            }
            if (available <= 0) {
                throw new VfsException(Errno.ENOSPC, "inode " + ino, "no free blocks");
            }
            int want = (int) Math.min(count, available);
            if (goal < info.firstDataBlock() || goal >= info.blocksCount()) {
                goal = info.firstDataBlock();
            }
            long groups = info.groupCount();
            long g0 = (goal - info.firstDataBlock()) / info.blocksPerGroup();
            int goalBit = (int) (goal - info.groupFirstBlock(g0));
            // The goal's group from the goal on, every other group, then the goal's group from its start.
            for (long i = 0; i <= groups; i++) {
                long g = (g0 + i) % groups;
                int from = i == 0 ? goalBit : 0;
                int to = i == groups ? goalBit : groupBlocks(g);
                if (from >= to) {
                    continue;
                }
                ExtGroupDesc gd = fs.groups().get(g);
                if (gd.freeBlocks() == 0) {
                    continue;
                }
                Run run = takeIn(gd, from, to, want);
                if (run != null) {
                    return run;
                }
            }
            throw new VfsException(Errno.ENOSPC, "inode " + ino, "no free blocks found in the bitmaps");
        }
    }

    /** Blocks in group {@code g} (the last one may be short). */
    int groupBlocks(long g) {
        ExtSuperBlockInfo info = fs.info();
        return (int) Math.min(info.blocksPerGroup(), info.blocksCount() - info.groupFirstBlock(g));
    }

    /** The first free run in bits [from, to) of the group, up to {@code want} long, marked used. */
    private Run takeIn(ExtGroupDesc gd, int from, int to, int want) {
        long g = gd.group();
        long first = fs.info().groupFirstBlock(g);
        byte[] bitmap = bitmap(gd);
        int bit = from;
        while (bit < to) {
            bit = nextZero(bitmap, bit, to);
            if (bit < 0) {
                return null;
            }
            if (fs.inSystemZone(first + bit, 1)) {
                fs.problems().report(ExtProblem.Code.BITMAP_BAD, 0, first + bit,
                        "block bitmap of group " + g + " says metadata block " + (first + bit) + " is free");
                bit++;
                continue;
            }
            int len = 1;
            while (len < want && bit + len < to && !test(bitmap, bit + len) && !fs.inSystemZone(first + bit + len, 1)) {
                len++;
            }
            int start = bit;
            int n = len;
            boolean uninit = gd.hasFlag(ExtGroupDesc.BLOCK_UNINIT);
            fs.editBitmap(g, gd.blockBitmap(), false, b -> {
                if (uninit) {
                    System.arraycopy(bitmap, 0, b, 0, b.length);
                }
                for (int i = 0; i < n; i++) {
                    set(b, start + i);
                }
            }, d -> {
                ExtGroupDesc.setFreeBlocks(d, Math.max(0, ExtGroupDesc.freeBlocks(d) - n));
                ExtGroupDesc.setFlags(d, ExtGroupDesc.flags(d) & ~ExtGroupDesc.BLOCK_UNINIT);
            });
            fs.countBlocks(-n);
            return new Run(first + start, n);
        }
        return null;
    }

    /** ext2_free_blocks: [start, start + count) back to the bitmaps; a bad range is recorded and left alone. */
    void freeBlocks(long ino, long start, long count) {
        ExtSuperBlockInfo info = fs.info();
        if (count <= 0) {
            return;
        }
        if (start < info.firstDataBlock() || start + count > info.blocksCount() || fs.inSystemZone(start, count)) {
            fs.problems().report(ExtProblem.Code.BLOCK_POINTER_BAD, ino, start,
                    "not freeing blocks " + start + "+" + count + ": outside the data area");
            return;
        }
        synchronized (fs.allocLock()) {
            long b = start;
            long end = start + count;
            while (b < end) {
                long g = (b - info.firstDataBlock()) / info.blocksPerGroup();
                long gFirst = info.groupFirstBlock(g);
                long gEnd = Math.min(end, gFirst + info.blocksPerGroup());
                freeInGroup(ino, g, (int) (b - gFirst), (int) (gEnd - b));
                b = gEnd;
            }
        }
    }

    private void freeInGroup(long ino, long g, int from, int n) {
        ExtGroupDesc gd = fs.groups().get(g);
        if (gd.hasFlag(ExtGroupDesc.BLOCK_UNINIT)) {
            fs.problems().report(ExtProblem.Code.BITMAP_BAD, ino, fs.info().groupFirstBlock(g) + from,
                    "freeing blocks of group " + g + ", which has no blocks in use (BLOCK_UNINIT)");
            return;
        }
        int[] freed = {0};
        fs.editBitmap(g, gd.blockBitmap(), false, b -> {
            for (int i = from; i < from + n; i++) {
                if (test(b, i)) {
                    clear(b, i);
                    freed[0]++;
                } else {
                    fs.problems().report(ExtProblem.Code.BITMAP_BAD, ino, fs.info().groupFirstBlock(g) + i,
                            "freeing block already free");
                }
            }
        });
        int f = freed[0];
        fs.groups().modify(g, d -> {
            ExtGroupDesc cur = ExtGroupDesc.parse(g, d);
            ExtGroupDesc.setFreeBlocks(d, cur.freeBlocks() + f);
        });
        fs.countBlocks(f);
    }

    /** The group's block bitmap as it stands, built from the layout for a BLOCK_UNINIT group. */
    byte[] bitmap(ExtGroupDesc gd) {
        if (gd.hasFlag(ExtGroupDesc.BLOCK_UNINIT)) {
            return uninitBitmap(gd);
        }
        return fs.blockView(gd.blockBitmap()); // only scanned, under the allocation lock
    }

    /** ext4_init_block_bitmap: the group's own metadata used, the padding past its last block set. */
    private byte[] uninitBitmap(ExtGroupDesc gd) {
        ExtSuperBlockInfo info = fs.info();
        byte[] b = new byte[info.blockSize()];
        long g = gd.group();
        long first = info.groupFirstBlock(g);
        int blocks = groupBlocks(g);
        int base = (int) fs.groups().baseMetaBlocks(g);
        for (int i = 0; i < base; i++) {
            set(b, i);
        }
        markIfInGroup(b, first, blocks, gd.blockBitmap(), 1);
        markIfInGroup(b, first, blocks, gd.inodeBitmap(), 1);
        markIfInGroup(b, first, blocks, gd.inodeTable(), info.inodeTableBlocks());
        for (int i = blocks; i < b.length * 8; i++) {
            set(b, i);
        }
        return b;
    }

    private static void markIfInGroup(byte[] b, long first, int blocks, long start, long count) {
        for (long x = start; x < start + count; x++) {
            if (x >= first && x < first + blocks) {
                set(b, (int) (x - first));
            }
        }
    }

    // ---- bits ------------------------------------------------------------------------------------

    static boolean test(byte[] b, int bit) {
        return (b[bit >>> 3] & (1 << (bit & 7))) != 0;
    }

    static void set(byte[] b, int bit) {
        b[bit >>> 3] |= (byte) (1 << (bit & 7));
    }

    static void clear(byte[] b, int bit) {
        b[bit >>> 3] &= (byte) ~(1 << (bit & 7));
    }

    /** The first clear bit in [from, to), or -1; whole words of set bits, then 0xff bytes, are skipped at once. */
    static int nextZero(byte[] b, int from, int to) {
        int bit = from;
        while (bit < to) {
            if ((bit & 63) == 0 && bit + 64 <= to && (bit >>> 3) + 8 <= b.length
                    && (long) WORDS.get(b, bit >>> 3) == -1L) {
                bit += 64;
                continue;
            }
            if ((bit & 7) == 0 && b[bit >>> 3] == (byte) 0xff) {
                bit += 8;
                continue;
            }
            if (!test(b, bit)) {
                return bit;
            }
            bit++;
        }
        return -1;
    }
}
