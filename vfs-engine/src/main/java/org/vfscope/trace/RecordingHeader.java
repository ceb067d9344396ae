package org.vfscope.trace;

import java.util.List;
import java.util.Objects;

/**
 * The first line of a recording: its format and version, the keyframe interval it was recorded
 * with, and the block devices the engine had, so a replay can draw their block maps.
 */
public record RecordingHeader(String format, int version, long keyframeIntervalNanos, List<Device> devices) {
    public static final String FORMAT = "vfscope-trace";
    public static final int VERSION = 1;

    /** A block device: its name, size in bytes and block size. */
    public record Device(String name, long sizeBytes, int blockSize) {
        public Device {
            Objects.requireNonNull(name, "name");
        }
    }

    public RecordingHeader {
        Objects.requireNonNull(format, "format");
        devices = devices == null ? List.of() : List.copyOf(devices);
    }

    public static RecordingHeader of(long keyframeIntervalNanos, List<Device> devices) {
        return new RecordingHeader(FORMAT, VERSION, keyframeIntervalNanos, devices);
    }
}
