package org.vfscope.fs.ext;

import org.vfscope.vfs.Errno;
import org.vfscope.vfs.VfsException;

/**
 * The inode allocator (fs/ext2/ialloc.c): ext2_new_inode picks a group (find_group_orlov for
 * directories, spreading top-level ones over groups with few directories and more than the
 * average free inodes and blocks; find_group_other for the rest, the parent's group first), takes
 * the first free bit of its inode bitmap and updates the descriptor (free inodes, used dirs, and
 * with uninit_bg the INODE_UNINIT flag and bg_itable_unused). ext2_free_inode gives it back.
 */
final class ExtInodeAllocator {
    private final ExtFs fs;
    /** Where the next top-level directory search starts (the kernel starts at a random group). */
    private long orlovRotor;

    ExtInodeAllocator(ExtFs fs) {
        this.fs = fs;
    }

    /** ext2_new_inode's bitmap half: a free inode number near {@code parent} for a new inode. */
    long newInode(ExtInode parent, boolean dir) {
        ExtSuperBlockInfo info = fs.info();
        synchronized (fs.allocLock()) {
            if (fs.freeInodes() <= 0) {
                throw new VfsException(Errno.ENOSPC, "inode " + parent.ino(), "no free inodes");
            }
            long groups = info.groupCount();
            long start = dir ? findGroupOrlov(parent) : findGroupOther(parent);
            for (long i = 0; i < groups; i++) {
                long g = (start + i) % groups;
                ExtGroupDesc gd = fs.groups().get(g);
                if (gd.freeInodes() == 0) {
                    continue;
                }
                long ino = takeIn(gd, dir);
                if (ino > 0) {
                    return ino;
                }
            }
            throw new VfsException(Errno.ENOSPC, "inode " + parent.ino(), "no free inodes found in the bitmaps");
        }
    }

    private long takeIn(ExtGroupDesc gd, boolean dir) {
        ExtSuperBlockInfo info = fs.info();
        long g = gd.group();
        int ipg = (int) info.inodesPerGroup();
        boolean uninit = gd.hasFlag(ExtGroupDesc.INODE_UNINIT);
        byte[] bitmap = uninit ? uninitBitmap() : fs.blockBytes(gd.inodeBitmap());
        int from = g == 0 ? (int) info.firstIno() - 1 : 0;
        int bit = ExtBlockAllocator.nextZero(bitmap, from, ipg);
        boolean gdtCsum = info.hasGroupDescCsum();
        if (bit < 0) {
            fs.problems().report(ExtProblem.Code.COUNT_BAD, 0, gd.inodeBitmap(),
                    "group " + g + " counts " + gd.freeInodes() + " free inodes but its bitmap has none");
            return -1;
        }
        fs.editBitmap(g, gd.inodeBitmap(), true, b -> {
            if (uninit) {
                System.arraycopy(bitmap, 0, b, 0, b.length);
            }
            ExtBlockAllocator.set(b, bit);
        }, d -> {
            ExtGroupDesc cur = ExtGroupDesc.parse(g, d);
            ExtGroupDesc.setFreeInodes(d, Math.max(0, cur.freeInodes() - 1));
            if (dir) {
                ExtGroupDesc.setUsedDirs(d, cur.usedDirs() + 1);
            }
            if (gdtCsum) {
                ExtGroupDesc.setFlags(d, cur.flags() & ~ExtGroupDesc.INODE_UNINIT);
                long unused = uninit ? ipg : cur.itableUnused();
                if (bit + 1 > ipg - unused) {
                    ExtGroupDesc.setItableUnused(d, ipg - (bit + 1)); // the table is in use up to this inode
                }
            }
        });
        fs.countInodes(-1, dir ? 1 : 0);
        return g * ipg + bit + 1;
    }

    /** An INODE_UNINIT group's bitmap: nothing used, the padding past inodes_per_group set. */
    private byte[] uninitBitmap() {
        ExtSuperBlockInfo info = fs.info();
        byte[] b = new byte[info.blockSize()];
        for (int i = (int) info.inodesPerGroup(); i < b.length * 8; i++) {
            ExtBlockAllocator.set(b, i);
        }
        return b;
    }

    /** ext2_free_inode: the bit cleared, the descriptor's counts given back. */
    void freeInode(long ino, boolean dir) {
        ExtSuperBlockInfo info = fs.info();
        if (ino < info.firstIno() || ino > info.inodesCount()) {
            fs.problems().report(ExtProblem.Code.INODE_BAD, ino, -1, "not freeing reserved or out-of-range inode");
            return;
        }
        long g = (ino - 1) / info.inodesPerGroup();
        int bit = (int) ((ino - 1) % info.inodesPerGroup());
        synchronized (fs.allocLock()) {
            ExtGroupDesc gd = fs.groups().get(g);
            boolean[] wasSet = {false};
            fs.editBitmap(g, gd.inodeBitmap(), true, b -> {
                wasSet[0] = ExtBlockAllocator.test(b, bit);
                ExtBlockAllocator.clear(b, bit);
            });
            if (!wasSet[0]) {
                fs.problems().report(ExtProblem.Code.BITMAP_BAD, ino, gd.inodeBitmap(), "freeing inode already free");
                return;
            }
            fs.groups().modify(g, d -> {
                ExtGroupDesc cur = ExtGroupDesc.parse(g, d);
                ExtGroupDesc.setFreeInodes(d, cur.freeInodes() + 1);
                if (dir) {
                    ExtGroupDesc.setUsedDirs(d, Math.max(0, cur.usedDirs() - 1));
                }
            });
            fs.countInodes(1, dir ? -1 : 0);
        }
    }

    /** The group of an inode number. */
    private long groupOf(long ino) {
        return (ino - 1) / fs.info().inodesPerGroup();
    }

    /**
     * find_group_orlov: a top-level directory goes to the group with the fewest directories among
     * those with at least the average free inodes and blocks; a deeper one stays near its parent
     * unless that group is crowded with directories or short of space.
     */
    private long findGroupOrlov(ExtInode parent) {
        ExtSuperBlockInfo info = fs.info();
        long groups = info.groupCount();
        long avefreei = fs.freeInodes() / groups;
        long avefreeb = fs.freeBlocks() / groups;
        long pg = groupOf(parent.ino());
        if (parent.ino() == ExtSuper.ROOT_INO) {
            long best = -1;
            long bestDirs = Long.MAX_VALUE;
            long start = orlovRotor++ % groups;
            for (long i = 0; i < groups; i++) {
                long g = (start + i) % groups;
                ExtGroupDesc gd = fs.groups().get(g);
                if (gd.usedDirs() >= bestDirs || gd.freeInodes() == 0 || gd.freeInodes() < avefreei
                        || gd.freeBlocks() < avefreeb) {
                    continue;
                }
                best = g;
                bestDirs = gd.usedDirs();
            }
            if (best >= 0) {
                return best;
            }
        } else {
            long maxDirs = fs.dirs() / groups + info.inodesPerGroup() / 16;
            long minInodes = Math.max(1, avefreei - info.inodesPerGroup() / 4);
            long minBlocks = Math.max(0, avefreeb - info.blocksPerGroup() / 4);
            for (long i = 0; i < groups; i++) {
                long g = (pg + i) % groups;
                ExtGroupDesc gd = fs.groups().get(g);
                if (gd.usedDirs() < maxDirs && gd.freeInodes() >= minInodes && gd.freeBlocks() >= minBlocks) {
                    return g;
                }
            }
        }
        for (long i = 0; i < groups; i++) {
            long g = (pg + i) % groups;
            ExtGroupDesc gd = fs.groups().get(g);
            if (gd.freeInodes() > 0 && gd.freeInodes() >= avefreei) {
                return g;
            }
        }
        return pg;
    }

    /**
     * find_group_other: with flex_bg the first group of the parent's flex group with a free
     * inode; else the parent's group, then a quadratic hash of groups, then any group with an inode.
     */
    private long findGroupOther(ExtInode parent) {
        long groups = fs.info().groupCount();
        long pg = groupOf(parent.ino());
        ExtSuperBlockInfo info = fs.info();
        if (info.hasIncompat(ExtFeatures.INCOMPAT_FLEX_BG) && info.logGroupsPerFlex() > 0) {
            long flex = 1L << Math.min(info.logGroupsPerFlex(), 31);
            long first = pg & ~(flex - 1);
            for (long g = first; g < Math.min(groups, first + flex); g++) {
                if (fs.groups().get(g).freeInodes() > 0) {
                    return g;
                }
            }
        }
        ExtGroupDesc gd = fs.groups().get(pg);
        if (gd.freeInodes() > 0 && gd.freeBlocks() > 0) {
            return pg;
        }
        long g = pg;
        for (long i = 1; i < groups; i <<= 1) {
            g = (g + i) % groups;
            gd = fs.groups().get(g);
            if (gd.freeInodes() > 0 && gd.freeBlocks() > 0) {
                return g;
            }
        }
        return pg; // the caller walks on from here to any group with a free inode
    }
}
