package org.vfscope.trace;

import java.util.Objects;

/**
 * One block request completed (block_rq_complete): issued at {@code timeNanos}, taking
 * {@code latencyNanos}, on behalf of inode {@code originIno} (-1 when no file asked, e.g.
 * metadata). {@code error} is the errno name, or null when the I/O succeeded.
 */
public record BlockIo(long timeNanos, String device, long offset, int length, boolean write, long latencyNanos,
                      long originIno, String error) implements TraceEvent {

    public BlockIo {
        Objects.requireNonNull(device, "device");
    }

    public boolean failed() {
        return error != null;
    }
}
