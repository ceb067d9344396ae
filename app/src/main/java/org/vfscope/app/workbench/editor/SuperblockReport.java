package org.vfscope.app.workbench.editor;

import java.util.ArrayList;
import java.util.List;

import org.vfscope.app.image.Machine;
import org.vfscope.fs.ext.ExtGroupDesc;
import org.vfscope.fs.ext.ExtSuper;
import org.vfscope.fs.ext.ExtSuperBlockInfo;
import org.vfscope.vfs.StatFs;

/**
 * The superblock / group view's content: the superblock's fields and, on ext, one row per block
 * group (bitmaps, inode table, free counts, flags). Built on a background thread.
 */
public record SuperblockReport(List<FieldRow> fields, List<ExtGroupDesc> groups, boolean groupsTruncated) {
    private static final int MAX_GROUPS = 4096;

    public static SuperblockReport of(Machine m) {
        List<FieldRow> f = new ArrayList<>();
        StatFs fs = m.process().statfs("/");
        f.add(new FieldRow("filesystem", "type", m.rootSuperBlock().type().name()));
        f.add(new FieldRow("filesystem", "device", m.rootSuperBlock().id()));
        f.add(new FieldRow("filesystem", "read-only", Boolean.toString(m.rootSuperBlock().isReadOnly())));
        f.add(new FieldRow("filesystem", "capacity", fs.blocks() + " blocks of " + fs.blockSize() + " B, " + fs.blocksFree() + " free"));
        ExtSuper ext = ExtSuper.of(m.rootSuperBlock());
        List<ExtGroupDesc> groups = new ArrayList<>();
        boolean truncated = false;
        if (ext != null) {
            ExtSuperBlockInfo s = ext.info();
            f.add(new FieldRow("superblock", "volume name", s.volumeName()));
            f.add(new FieldRow("superblock", "UUID", s.uuidString()));
            f.add(new FieldRow("superblock", "last mounted on", s.lastMounted()));
            f.add(new FieldRow("superblock", "magic", String.format("0x%04x", s.magic())));
            f.add(new FieldRow("superblock", "revision", Integer.toString(s.revLevel())));
            f.add(new FieldRow("superblock", "state", s.state() == 1 ? "clean" : "not clean (" + s.state() + ")"));
            f.add(new FieldRow("superblock", "errors behaviour", Integer.toString(s.errors())));
            f.add(new FieldRow("superblock", "features", String.join(" ", s.featureNames())));
            f.add(new FieldRow("geometry", "block size", s.blockSize() + " bytes"));
            f.add(new FieldRow("geometry", "blocks", s.blocksCount() + " (" + s.freeBlocksCount() + " free, "
                    + s.reservedBlocksCount() + " reserved)"));
            f.add(new FieldRow("geometry", "inodes", s.inodesCount() + " (" + s.freeInodesCount() + " free)"));
            f.add(new FieldRow("geometry", "first data block", Long.toString(s.firstDataBlock())));
            f.add(new FieldRow("geometry", "blocks per group", Long.toString(s.blocksPerGroup())));
            f.add(new FieldRow("geometry", "inodes per group", Long.toString(s.inodesPerGroup())));
            f.add(new FieldRow("geometry", "inode size", s.inodeSize() + " bytes"));
            f.add(new FieldRow("geometry", "groups", Long.toString(s.groupCount())));
            f.add(new FieldRow("geometry", "descriptor size", s.descSize() + " bytes"));
            f.add(new FieldRow("geometry", "first inode", Long.toString(s.firstIno())));
            f.add(new FieldRow("journal", "journal inode", Long.toString(s.journalInum())));
            f.add(new FieldRow("times", "mount time", Long.toString(s.mountTime())));
            f.add(new FieldRow("times", "write time", Long.toString(s.writeTime())));
            f.add(new FieldRow("times", "mkfs time", Long.toString(s.mkfsTime())));
            f.add(new FieldRow("checksums", "checksum type", Integer.toString(s.checksumType())));
            f.add(new FieldRow("checksums", "checksum", String.format("0x%08x", s.checksum())));
            f.add(new FieldRow("driver", "problems recorded", Integer.toString(ext.problems().size())));
            long n = s.groupCount();
            for (long g = 0; g < Math.min(n, MAX_GROUPS); g++) {
                try {
                    groups.add(ext.fs().groups().get(g));
                } catch (RuntimeException e) {
                    f.add(new FieldRow("groups", "group " + g, "cannot read: " + e.getMessage()));
                }
            }
            truncated = n > MAX_GROUPS;
        }
        return new SuperblockReport(List.copyOf(f), List.copyOf(groups), truncated);
    }
}
