package org.vfscope.app.workbench.image;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * One volume of an open image as the explorer lists it: a partition or the whole image.
 *
 * @param index     its position in the workspace (0, 1, ...)
 * @param partition the partition number, or empty for a whole image
 * @param type      the filesystem a driver recognised, or empty
 * @param label     "partition 1 (ext4, 6 MiB)" or "ext4, 16 MiB"
 */
public record VolumeEntry(int index, OptionalInt partition, Optional<String> type, String label) {
    public boolean hasFilesystem() {
        return type.isPresent();
    }
}
