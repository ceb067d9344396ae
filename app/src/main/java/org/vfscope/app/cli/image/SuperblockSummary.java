package org.vfscope.app.cli.image;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.vfscope.fs.ext.ExtProblem;
import org.vfscope.fs.ext.ExtSuper;
import org.vfscope.fs.ext.ExtSuperBlockInfo;
import org.vfscope.sys.Process;
import org.vfscope.vfs.StatFs;
import org.vfscope.vfs.SuperBlock;

/**
 * The superblock fields {@code info} shows, in the order {@code dumpe2fs -h} shows them: the
 * driver's own summary for ext, statfs(2) for any other filesystem.
 */
final class SuperblockSummary {
    private SuperblockSummary() {
    }

    static Map<String, Object> of(SuperBlock sb, Process p) {
        ExtSuper ext = ExtSuper.of(sb);
        return ext != null ? ext(ext) : statfs(p.statfs("/"));
    }

    private static Map<String, Object> ext(ExtSuper ext) {
        ExtSuperBlockInfo s = ext.info();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("volume_name", s.volumeName());
        m.put("uuid", s.uuidString());
        m.put("last_mounted", s.lastMounted());
        m.put("revision", s.revLevel());
        m.put("features", s.featureNames());
        m.put("state", (s.state() & 1) != 0 ? "clean" : "not clean");
        m.put("errors_found", (s.state() & 2) != 0);
        m.put("block_size", s.blockSize());
        m.put("blocks_count", s.blocksCount());
        m.put("reserved_blocks_count", s.reservedBlocksCount());
        m.put("free_blocks_count", s.freeBlocksCount());
        m.put("first_data_block", s.firstDataBlock());
        m.put("blocks_per_group", s.blocksPerGroup());
        m.put("group_count", s.groupCount());
        m.put("inodes_count", s.inodesCount());
        m.put("free_inodes_count", s.freeInodesCount());
        m.put("inodes_per_group", s.inodesPerGroup());
        m.put("inode_size", s.inodeSize());
        m.put("first_inode", s.firstIno());
        m.put("mkfs_time", s.mkfsTime());
        m.put("mount_time", s.mountTime());
        m.put("write_time", s.writeTime());
        m.put("journal_inode", s.journalInum());
        m.put("problems", problems(ext.problems()));
        return m;
    }

    private static List<Map<String, Object>> problems(List<ExtProblem> problems) {
        return problems.stream().map(pr -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("code", pr.code().name());
            m.put("severity", pr.severity().name().toLowerCase(java.util.Locale.ROOT));
            m.put("inode", pr.inode());
            m.put("block", pr.block());
            m.put("message", pr.message());
            return m;
        }).toList();
    }

    private static Map<String, Object> statfs(StatFs s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("block_size", s.blockSize());
        m.put("blocks_count", s.blocks());
        m.put("free_blocks_count", s.blocksFree());
        m.put("inodes_count", s.files());
        m.put("free_inodes_count", s.filesFree());
        return m;
    }
}
