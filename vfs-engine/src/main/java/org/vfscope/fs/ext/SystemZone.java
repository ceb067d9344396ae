package org.vfscope.fs.ext;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The blocks that hold filesystem metadata (superblock and descriptor copies, reserved GDT
 * blocks, bitmaps, inode tables), as fs/ext4/block_validity.c keeps them: a block pointer of a
 * file into this zone is corrupt. Sorted, merged ranges; looked up by binary search.
 */
final class SystemZone {
    private final long[] starts;
    private final long[] ends;

    private SystemZone(long[] starts, long[] ends) {
        this.starts = starts;
        this.ends = ends;
    }

    static SystemZone empty() {
        return new SystemZone(new long[0], new long[0]);
    }

    /** Collects [start, start + count) ranges, then sorts and merges them. */
    static final class Builder {
        private final List<long[]> ranges = new ArrayList<>();

        void add(long start, long count) {
            if (count > 0) {
                ranges.add(new long[] {start, start + count});
            }
        }

        SystemZone build() {
            ranges.sort((a, b) -> Long.compare(a[0], b[0]));
            long[] s = new long[ranges.size()];
            long[] e = new long[ranges.size()];
            int n = 0;
            for (long[] r : ranges) {
                if (n > 0 && r[0] <= e[n - 1]) {
                    e[n - 1] = Math.max(e[n - 1], r[1]);
                } else {
                    s[n] = r[0];
                    e[n] = r[1];
                    n++;
                }
            }
            return new SystemZone(Arrays.copyOf(s, n), Arrays.copyOf(e, n));
        }
    }

    /** Whether any of [start, start + count) is metadata. */
    boolean overlaps(long start, long count) {
        int lo = 0;
        int hi = starts.length - 1;
        long end = start + count;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (ends[mid] <= start) {
                lo = mid + 1;
            } else if (starts[mid] >= end) {
                hi = mid - 1;
            } else {
                return true;
            }
        }
        return false;
    }

    int rangeCount() {
        return starts.length;
    }
}
