package org.vfscope.app.workbench.editor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.vfscope.app.image.Machine;
import org.vfscope.fs.ext.BlockMapping;
import org.vfscope.fs.ext.ExtInode;
import org.vfscope.fs.ext.ExtInodeRaw;
import org.vfscope.fs.ext.ExtSuper;
import org.vfscope.vfs.FileMode;
import org.vfscope.vfs.Inode;
import org.vfscope.vfs.Stat;

/**
 * Everything the inode view shows about one file: stat, and on ext every field of the on-disk
 * inode and its block map as runs of logical to physical blocks. Built on a background thread.
 *
 * @param runs logical block, physical block (-1 for a hole), length in blocks
 */
public record InodeReport(long ino, List<FieldRow> fields, List<long[]> runs, boolean runsTruncated) {
    private static final int MAX_RUNS = 5000;

    /** {@code path} may be "#12": inode 12 by number, as the Problems view names inodes it has no path for. */
    public static InodeReport of(Machine m, String path) {
        if (path.startsWith("#")) {
            return byNumber(m, Long.parseLong(path.substring(1)));
        }
        Stat st = m.process().lstat(path);
        List<FieldRow> f = new ArrayList<>();
        f.add(new FieldRow("stat", "path", path));
        f.add(new FieldRow("stat", "inode", Long.toString(st.ino())));
        f.add(new FieldRow("stat", "type / mode", FileMode.toString(st.mode()) + String.format("  (0%o)", st.mode())));
        f.add(new FieldRow("stat", "size", st.size() + " bytes"));
        f.add(new FieldRow("stat", "links", Integer.toString(st.nlink())));
        f.add(new FieldRow("stat", "uid / gid", st.uid() + " / " + st.gid()));
        f.add(new FieldRow("stat", "blocks (512 B)", Long.toString(st.blocks())));
        f.add(new FieldRow("stat", "atime", String.valueOf(st.atime())));
        f.add(new FieldRow("stat", "mtime", String.valueOf(st.mtime())));
        f.add(new FieldRow("stat", "ctime", String.valueOf(st.ctime())));
        List<long[]> runs = new ArrayList<>();
        boolean truncated = false;
        ExtSuper ext = ExtSuper.of(m.rootSuperBlock());
        if (ext != null) {
            onDisk(ext, st.ino(), f);
            truncated = blockRuns(m, st, ext, runs);
        }
        return new InodeReport(st.ino(), List.copyOf(f), List.copyOf(runs), truncated);
    }

    private static InodeReport byNumber(Machine m, long ino) {
        List<FieldRow> f = new ArrayList<>();
        f.add(new FieldRow("inode", "number", Long.toString(ino)));
        ExtSuper ext = ExtSuper.of(m.rootSuperBlock());
        if (ext == null) {
            throw new IllegalArgumentException("inodes by number are shown for ext filesystems only");
        }
        onDisk(ext, ino, f);
        return new InodeReport(ino, List.copyOf(f), List.of(), false);
    }

    private static void onDisk(ExtSuper ext, long ino, List<FieldRow> f) {
        {
            ExtInodeRaw raw = ext.fs().inodes().read(ino);
            boolean is64 = ext.info().has64bit();
            f.add(new FieldRow("on disk", "i_mode", String.format("0x%04x", raw.mode())));
            f.add(new FieldRow("on disk", "i_uid / i_gid", raw.uid() + " / " + raw.gid()));
            f.add(new FieldRow("on disk", "i_size", Long.toString(raw.fileSize())));
            f.add(new FieldRow("on disk", "i_links_count", Integer.toString(raw.linksCount())));
            f.add(new FieldRow("on disk", "i_blocks", Long.toString(raw.blocksRaw(raw.hasFlag(ExtInodeRaw.FL_HUGE_FILE)))));
            f.add(new FieldRow("on disk", "i_flags", String.format("0x%08x%s", raw.flags(), flagNames(raw))));
            f.add(new FieldRow("on disk", "i_generation", Long.toString(raw.generation())));
            f.add(new FieldRow("on disk", "i_file_acl", Long.toString(raw.fileAcl(is64))));
            f.add(new FieldRow("on disk", "i_dtime", Long.toString(raw.dtime())));
            f.add(new FieldRow("on disk", "i_extra_isize", Integer.toString(raw.extraIsize())));
            f.add(new FieldRow("on disk", "checksum", String.format("0x%08x", raw.storedChecksum())));
            f.add(new FieldRow("on disk", "crtime", String.valueOf(safe(raw))));
            f.add(new FieldRow("on disk", "inode size", raw.size() + " bytes"));
            var loc = ext.fs().inodes().locate(ino);
            f.add(new FieldRow("on disk", "location", "block " + loc.block() + ", offset " + loc.offset()));
            ext.problems().stream().filter(p -> p.inode() == ino)
                    .forEach(p -> f.add(new FieldRow("problems", p.code().name(), p.message())));
        }
    }

    private static Instant safe(ExtInodeRaw raw) {
        try {
            return raw.crtime();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String flagNames(ExtInodeRaw raw) {
        StringBuilder sb = new StringBuilder();
        if (raw.hasFlag(ExtInodeRaw.FL_EXTENTS)) {
            sb.append(" EXTENTS");
        }
        if (raw.hasFlag(ExtInodeRaw.FL_INDEX)) {
            sb.append(" INDEX");
        }
        if (raw.hasFlag(ExtInodeRaw.FL_INLINE_DATA)) {
            sb.append(" INLINE_DATA");
        }
        if (raw.hasFlag(ExtInodeRaw.FL_HUGE_FILE)) {
            sb.append(" HUGE_FILE");
        }
        return sb.isEmpty() ? "" : "  (" + sb.toString().strip() + ")";
    }

    /** Fills {@code runs} from the cached ExtInode's block map; true when cut at MAX_RUNS. */
    private static boolean blockRuns(Machine m, Stat st, ExtSuper ext, List<long[]> runs) {
        if (st.isSymlink() && st.size() < 60 || st.size() == 0) {
            return false;
        }
        Inode inode = m.kernel().icache().find(m.rootSuperBlock(), st.ino());
        if (!(inode instanceof ExtInode ei)) {
            if (inode != null) {
                m.kernel().icache().iput(inode);
            }
            return false;
        }
        try {
            if (ei.hasInlineData()) {
                return false;
            }
            int bs = ext.info().blockSize();
            long blocks = (st.size() + bs - 1) / bs;
            long logical = 0;
            while (logical < blocks) {
                BlockMapping map = ei.blockMap().map(logical);
                long count = Math.max(1, Math.min(map.count(), blocks - logical));
                runs.add(new long[] {logical, map.isHole() ? -1 : map.physical(), count});
                if (runs.size() >= MAX_RUNS) {
                    return true;
                }
                logical += count;
            }
            return false;
        } finally {
            m.kernel().icache().iput(ei);
        }
    }
}
