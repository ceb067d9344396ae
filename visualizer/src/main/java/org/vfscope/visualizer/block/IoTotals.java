package org.vfscope.visualizer.block;

/** Request and byte counts, errors, in-flight requests and latency, from IoStats or from events. */
public record IoTotals(long reads, long writes, long bytesRead, long bytesWritten, long errors, int inFlight,
                       int maxInFlight, long meanLatencyNanos, long p99LatencyNanos) {
    public static final IoTotals ZERO = new IoTotals(0, 0, 0, 0, 0, 0, 0, 0, 0);
}
