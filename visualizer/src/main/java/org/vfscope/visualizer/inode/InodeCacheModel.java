package org.vfscope.visualizer.inode;

import java.util.List;
import java.util.Map;
import org.vfscope.trace.InodeInfo;
import org.vfscope.trace.InodeIoList;
import org.vfscope.vfs.icache.InodeStats;
import org.vfscope.visualizer.DcacheNames;

/**
 * What the inode view draws for one snapshot: every cached inode (those with something to write
 * first, then by device and number), the
 * inode LRU head to tail, the inodes on each writeback list in list order, the snapshot's kernel
 * time (to age {@code dirtied_when}) and the counters.
 */
public record InodeCacheModel(long seq, long timeNanos, InodeStats stats, List<InodeInfo> inodes,
                              List<InodeInfo> lru, Map<InodeIoList, List<InodeInfo>> ioLists, DcacheNames names) {

    public static InodeCacheModel empty() {
        return new InodeCacheModel(-1, 0, new InodeStats(0, 0), List.of(), List.of(), Map.of(), DcacheNames.empty());
    }

    public List<InodeInfo> list(InodeIoList which) {
        return ioLists.getOrDefault(which, List.of());
    }

    public long dirtyInodes() {
        long n = 0;
        for (InodeInfo i : inodes) {
            if (i.isDirty()) {
                n++;
            }
        }
        return n;
    }
}
