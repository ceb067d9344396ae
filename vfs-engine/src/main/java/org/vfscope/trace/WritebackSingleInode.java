package org.vfscope.trace;

import java.util.Objects;

/** writeback_single_inode: the flusher or a sync wrote {@code pagesWritten} pages of an inode. */
public record WritebackSingleInode(long timeNanos, long dev, long ino, long pagesWritten, Reason reason)
        implements TraceEvent {

    /** Why writeback ran (the kernel's enum wb_reason, reduced to what the model has). */
    public enum Reason {
        /** Periodic: inodes dirtied longer than dirty_expire ago. */
        KUPDATE,
        /** Above the background threshold. */
        BACKGROUND,
        /** sync, syncfs, fsync. */
        SYNC,
        /** Page reclaim met dirty pages. */
        RECLAIM
    }

    public WritebackSingleInode {
        Objects.requireNonNull(reason, "reason");
    }
}
