package org.vfscope.app.image;

import java.util.Optional;

import org.vfscope.block.InstrumentedDevice;
import org.vfscope.block.partition.Partition;

/**
 * What may hold a filesystem on an image: one partition of its table, or the whole image when it
 * has none.
 *
 * @param partition the partition, or empty for the whole image
 * @param device    the partition's window of the image (or the image), instrumented for counters and latency
 * @param type      the filesystem type a driver recognised on it ("ext4"), or empty
 */
public record Volume(Optional<Partition> partition, InstrumentedDevice device, Optional<String> type) {

    /** "partition 1 (ext4, 6 MiB)", or "ext4, 16 MiB" for a whole image. */
    public String describe() {
        String what = type.orElse("no recognised filesystem") + ", " + Sizes.human(device.size());
        return partition.map(p -> "partition " + p.number() + " (" + what + ")").orElse(what);
    }

    /** How messages name it: "disk.img" or "disk.img partition 2". */
    public String nameOn(String image) {
        return partition.map(p -> image + " partition " + p.number()).orElse(image);
    }
}
