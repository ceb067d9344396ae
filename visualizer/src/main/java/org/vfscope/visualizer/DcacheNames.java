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
 * a few primitive arrays and no strings.
 */
public final class DcacheNames {
    private static final DcacheNames EMPTY = new DcacheNames(new DcacheSnapshot(List.of(),
            new org.vfscope.vfs.dcache.DentryStats(0, 0, 0, 0, 0, 0)), List.of());

    private final List<DentryInfo> dentries;
    /** Position in {@link #dentries} by dentry id; indexed on first use. */
    private volatile LongIndex byId;
    /** Per device, the position of the first positive dentry of each inode number; indexed on first use. */
    private volatile Map<Long, LongIndex> byInode;
    private final Map<Long, String> fsTypeByDev = new HashMap<>();

    public DcacheNames(DcacheSnapshot dcache, List<SuperBlockInfo> superBlocks) {
        dentries = dcache.dentries();
        for (SuperBlockInfo sb : superBlocks) {
            fsTypeByDev.put(sb.dev(), sb.type());
        }
    }

    private LongIndex byId() {
        LongIndex index = byId;
        return index != null ? index : indexIds();
    }

    private synchronized LongIndex indexIds() {
        if (byId == null) {
            LongIndex index = new LongIndex(dentries.size());
            for (int i = 0; i < dentries.size(); i++) {
                index.putIfAbsent(dentries.get(i).id(), i);
            }
            byId = index;
        }
        return byId;
    }

    private Map<Long, LongIndex> byInode() {
        Map<Long, LongIndex> map = byInode;
        return map != null ? map : indexInodes();
    }

    private synchronized Map<Long, LongIndex> indexInodes() {
        if (byInode == null) {
            Map<Long, LongIndex> map = new HashMap<>();
            LongIndex inos = null;
            long inosDev = 0;
            for (int i = 0; i < dentries.size(); i++) {
                DentryInfo d = dentries.get(i);
                if (d.ino() >= 0) {
                    if (inos == null || inosDev != d.dev()) { // a superblock's dentries come together
                        inosDev = d.dev();
                        inos = map.computeIfAbsent(inosDev, k -> new LongIndex(1024)); // grows as needed
                    }
                    inos.putIfAbsent(d.ino(), i);
                }
            }
            byInode = map;
        }
        return byInode;
    }

    public static DcacheNames empty() {
        return EMPTY;
    }

    /** True when {@link #indexOf} gives positions in {@code list}. */
    public boolean indexes(List<DentryInfo> list) {
        return list == dentries;
    }

    /** The position of dentry {@code id} in the snapshot's list, or -1. */
    public int indexOf(long id) {
        return byId().get(id);
    }

    public DentryInfo dentry(long id) {
        int i = byId().get(id);
        return i < 0 ? null : dentries.get(i);
    }

    /** "/etc/motd" for a dentry of the root filesystem; "/" for a root. */
    public String path(DentryInfo d) {
        List<String> parts = new ArrayList<>();
        DentryInfo at = d;
        for (int guard = 0; at != null && !at.isRoot() && guard < 4096; guard++) {
            parts.add(at.name());
            at = dentry(at.parentId());
        }
        Collections.reverse(parts);
        return "/" + String.join("/", parts);
    }

    /** The path of a dentry of the inode, or null when the dcache holds none. */
    public String pathOf(long dev, long ino) {
        LongIndex inos = byInode().get(dev);
        int i = inos == null ? -1 : inos.get(ino);
        if (i >= 0) {
            return path(dentries.get(i));
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
