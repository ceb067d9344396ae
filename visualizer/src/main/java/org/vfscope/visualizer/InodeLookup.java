package org.vfscope.visualizer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vfscope.trace.InodeInfo;

/**
 * Finds a snapshot's inode by (dev, ino). Snapshots list their inodes by (dev, ino), so a binary
 * search does it without indexing 50k inodes per frame for the few the views look up; a list
 * out of order (a hand-made one) is indexed in a map instead.
 */
public final class InodeLookup {
    private final List<InodeInfo> sorted;
    private final Map<InodeKey, InodeInfo> map;

    private InodeLookup(List<InodeInfo> sorted, Map<InodeKey, InodeInfo> map) {
        this.sorted = sorted;
        this.map = map;
    }

    public static InodeLookup of(List<InodeInfo> inodes) {
        if (org.vfscope.trace.ChunkedList.of(inodes) != null) {
            return new InodeLookup(inodes, null); // an engine snapshot's own list, in that order: not read through
        }
        for (int k = 1; k < inodes.size(); k++) {
            if (compare(inodes.get(k - 1), inodes.get(k).dev(), inodes.get(k).ino()) > 0) {
                Map<InodeKey, InodeInfo> map = new HashMap<>(inodes.size() * 2);
                for (InodeInfo i : inodes) {
                    map.put(new InodeKey(i.dev(), i.ino()), i);
                }
                return new InodeLookup(null, map);
            }
        }
        return new InodeLookup(inodes, null);
    }

    /** The inode, or null when the snapshot does not hold it. */
    public InodeInfo find(long dev, long ino) {
        if (map != null) {
            return map.get(new InodeKey(dev, ino));
        }
        int lo = 0;
        int hi = sorted.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = compare(sorted.get(mid), dev, ino);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return sorted.get(mid);
            }
        }
        return null;
    }

    private static int compare(InodeInfo i, long dev, long ino) {
        int c = Long.compare(i.dev(), dev);
        return c != 0 ? c : Long.compare(i.ino(), ino);
    }
}
