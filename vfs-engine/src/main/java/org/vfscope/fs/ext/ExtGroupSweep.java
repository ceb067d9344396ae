package org.vfscope.fs.ext;

import org.vfscope.vfs.VfsException;

/**
 * The mount-time pass over every group descriptor (ext4_check_descriptors and friends): check
 * each descriptor and its bitmaps' checksums, sum the free counts (what statfs reports, as the
 * kernel's percpu counters start from), collect the metadata zone and the overhead blocks.
 * Skipped beyond {@link ExtGroupTable#MAX_SWEPT_GROUPS} groups, where the superblock counts are used.
 */
final class ExtGroupSweep {
    long freeBlocks;
    long freeInodes;
    long overhead;
    boolean complete;

    void run(ExtFs fs) {
        ExtSuperBlockInfo info = fs.info();
        freeBlocks = info.freeBlocksCount();
        freeInodes = info.freeInodesCount();
        overhead = info.overheadClusters() * info.clusterRatio();
        long groups = info.groupCount();
        if (groups > ExtGroupTable.MAX_SWEPT_GROUPS) {
            return;
        }
        SystemZone.Builder zone = new SystemZone.Builder();
        zone.add(0, info.firstDataBlock() + 1);
        long sumBlocks = 0;
        long sumInodes = 0;
        long meta = info.firstDataBlock();
        for (long g = 0; g < groups; g++) {
            long base = fs.groups().baseMetaBlocks(g);
            zone.add(info.groupFirstBlock(g), base);
            meta += base + 2 + info.inodeTableBlocks();
            try {
                ExtGroupDesc gd = fs.groups().get(g);
                sumBlocks += gd.freeBlocks();
                sumInodes += gd.freeInodes();
                zone.add(gd.blockBitmap(), 1);
                zone.add(gd.inodeBitmap(), 1);
                zone.add(gd.inodeTable(), info.inodeTableBlocks());
                verifyBitmaps(fs, gd);
            } catch (VfsException e) {
                // recorded by the group table; the group's metadata is simply not trusted
            }
        }
        fs.setSystemZone(zone.build());
        freeBlocks = sumBlocks * info.clusterRatio();
        freeInodes = sumInodes;
        if (overhead == 0) {
            overhead = meta + journalBlocks(fs);
        }
        complete = true;
    }

    private static long journalBlocks(ExtFs fs) {
        ExtSuperBlockInfo info = fs.info();
        if (!info.hasCompat(ExtFeatures.COMPAT_HAS_JOURNAL) || info.journalInum() == 0) {
            return 0;
        }
        try {
            return fs.inodes().read(info.journalInum()).fileSize() / info.blockSize();
        } catch (VfsException e) {
            return 0;
        }
    }

    /** ext4_{block,inode}_bitmap_csum_verify for initialised bitmaps. */
    private static void verifyBitmaps(ExtFs fs, ExtGroupDesc gd) {
        ExtSuperBlockInfo info = fs.info();
        if (!fs.csum().metadataCsum()) {
            return;
        }
        boolean fullBlock = info.descSize() >= ExtGroupDesc.BLOCK_BITMAP_CSUM_HI_END;
        boolean fullInode = info.descSize() >= ExtGroupDesc.INODE_BITMAP_CSUM_HI_END;
        if (!gd.hasFlag(ExtGroupDesc.BLOCK_UNINIT)) {
            int bytes = (int) Math.min(info.blockSize(), info.clustersPerGroup() / 8);
            int want = fs.csum().bitmap(fs.blockBytes(gd.blockBitmap()), bytes);
            check(fs, gd, gd.blockBitmap(), "block", gd.blockBitmapCsum(), fullBlock ? want : want & 0xffff);
        }
        if (!gd.hasFlag(ExtGroupDesc.INODE_UNINIT)) {
            int bytes = (int) Math.min(info.blockSize(), info.inodesPerGroup() / 8);
            int want = fs.csum().bitmap(fs.blockBytes(gd.inodeBitmap()), bytes);
            check(fs, gd, gd.inodeBitmap(), "inode", gd.inodeBitmapCsum(), fullInode ? want : want & 0xffff);
        }
    }

    private static void check(ExtFs fs, ExtGroupDesc gd, long block, String what, long stored, int want) {
        if ((stored & 0xffffffffL) != (want & 0xffffffffL)) {
            fs.problems().report(ExtProblem.Code.BITMAP_CHECKSUM, 0, block, String.format(
                    "group %d %s bitmap checksum 0x%x, computed 0x%x", gd.group(), what, stored, want));
        }
    }
}
