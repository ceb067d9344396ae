package org.vfscope.visualizer.writeback;

import org.vfscope.trace.InodeInfo;

/**
 * An inode being (or waiting to be) written back: pages written since it was queued, as the
 * flusher reported them, and pages still dirty now; {@code name} is its path or "inode N".
 */
public record InodeProgress(InodeInfo inode, String name, long written, long remaining) {

    /** 0 to 1; 0 when nothing is known to be written yet. */
    public double fraction() {
        long total = written + remaining;
        return total == 0 ? 0 : (double) written / total;
    }
}
