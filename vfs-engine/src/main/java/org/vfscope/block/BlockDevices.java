package org.vfscope.block;

import java.nio.file.Path;
import java.util.Optional;
import org.vfscope.vfs.KernelClock;

/** Opens images as the workbench and the command line use them: one place that builds the stack. */
public final class BlockDevices {

    /** How an image file is opened. */
    public enum OpenMode {
        /** Writes fail with EROFS. */
        READ_ONLY,
        /**
         * The safe default for editing: the file is opened read-only and writes collect in a
         * {@link CowOverlay} until committed, discarded or saved as a new image.
         */
        COPY_ON_WRITE,
        /** Writes go straight into the file, as with {@code losetup} without {@code -r}. */
        READ_WRITE
    }

    private BlockDevices() {
    }

    /**
     * Opens {@code image} with 512-byte logical blocks as an {@link InstrumentedDevice} over, by
     * {@code mode}: a read-only {@link FileBlockDevice}; a {@link CowOverlay} over a read-only one
     * (find it with {@link #overlayOf}); or a read-write one. Closing the result closes the stack.
     * ENOENT, EACCES, EISDIR or EIO when the file cannot be opened.
     */
    public static InstrumentedDevice openImage(Path image, OpenMode mode, KernelClock clock) {
        BlockDevice device = switch (mode) {
            case READ_ONLY -> FileBlockDevice.open(image, false);
            case COPY_ON_WRITE -> CowOverlay.open(image);
            case READ_WRITE -> FileBlockDevice.open(image, true);
        };
        return new InstrumentedDevice(device, clock);
    }

    /** The copy-on-write overlay under {@code device}, looking through instrumentation and partitions. */
    public static Optional<CowOverlay> overlayOf(BlockDevice device) {
        BlockDevice d = device;
        while (true) {
            if (d instanceof CowOverlay overlay) {
                return Optional.of(overlay);
            } else if (d instanceof InstrumentedDevice instrumented) {
                d = instrumented.inner();
            } else if (d instanceof PartitionView partition) {
                d = partition.base();
            } else {
                return Optional.empty();
            }
        }
    }
}
