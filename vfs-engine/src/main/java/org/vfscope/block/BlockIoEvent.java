package org.vfscope.block;

import org.vfscope.vfs.Errno;

/**
 * One completed request, as blktrace reports it (issue to completion).
 *
 * @param startNanos   the kernel clock's {@code nanoTime()} when the request was issued
 * @param latencyNanos issue to completion on the kernel clock, modelled delay included
 * @param originIno    the inode the I/O was done for ({@link IoOrigin}), or -1 when unknown
 * @param error        why it failed, or {@code null} if it succeeded
 */
public record BlockIoEvent(long startNanos, long offset, int length, boolean write, long latencyNanos,
                           long originIno, Errno error) {

    public boolean failed() {
        return error != null;
    }
}
