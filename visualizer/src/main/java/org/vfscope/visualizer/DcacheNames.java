package org.vfscope.visualizer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vfscope.trace.DcacheSnapshot;
import org.vfscope.trace.DentryInfo;
import org.vfscope.trace.SuperBlockInfo;

/**
 * Names for the objects of one snapshot, from its dcache: a dentry's path, and a path for an
 * inode that has a positive dentry. Paths are built on demand, so indexing 100k dentries costs
 * two hash maps and no strings.
 */
public final class DcacheNames {
    private static final DcacheNames EMPTY = new DcacheNames(new DcacheSnapshot(List.of(),
            new org.vfscope.vfs.dcache.DentryStats(0, 0, 0, 0, 0, 0)), List.of());

    private final Map<Long, DentryInfo> byId;
    private final Map<InodeKey, DentryInfo> byInode;
    private final Map<Long, String> fsTypeByDev = new HashMap<>();

    public DcacheNames(DcacheSnapshot dcache, List<SuperBlockInfo> superBlocks) {
        byId = new HashMap<>(dcache.dentries().size() * 2);
        byInode = new HashMap<>(dcache.dentries().size() * 2);
        for (DentryInfo d : dcache.dentries()) {
            byId.put(d.id(), d);
            if (d.ino() >= 0) {
                byInode.putIfAbsent(new InodeKey(d.dev(), d.ino()), d);
            }
        }
        for (SuperBlockInfo sb : superBlocks) {
            fsTypeByDev.put(sb.dev(), sb.type());
        }
    }

    public static DcacheNames empty() {
        return EMPTY;
    }

    public DentryInfo dentry(long id) {
        return byId.get(id);
    }

    /** "/etc/motd" for a dentry of the root filesystem; "/" for a root. */
    public String path(DentryInfo d) {
        List<String> parts = new ArrayList<>();
        DentryInfo at = d;
        for (int guard = 0; at != null && !at.isRoot() && guard < 4096; guard++) {
            parts.add(at.name());
            at = byId.get(at.parentId());
        }
        Collections.reverse(parts);
        return "/" + String.join("/", parts);
    }

    /** The path of a dentry of the inode, or null when the dcache holds none. */
    public String pathOf(long dev, long ino) {
        DentryInfo d = byInode.get(new InodeKey(dev, ino));
        if (d != null) {
            return path(d);
        }
        String type = fsTypeByDev.get(dev);
        return "bdev".equals(type) ? "block device " + ino : null;
    }

    /** A name to show for an inode: its path, else "inode N". */
    public String nameOf(long dev, long ino) {
        String p = pathOf(dev, ino);
        return p != null ? p : "inode " + ino;
    }
}
