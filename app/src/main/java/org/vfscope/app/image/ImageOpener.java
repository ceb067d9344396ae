package org.vfscope.app.image;

import java.nio.file.Path;
import java.util.OptionalInt;

import org.vfscope.block.BlockDevices;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.Kernel;
import org.vfscope.vfs.KernelClock;
import org.vfscope.vfs.VfsException;

/**
 * Boots a machine on an image file: open the file, find its partitions, probe them, and mount the
 * chosen filesystem as the root of a fresh kernel. The one place where filesystem drivers for
 * images plug in; the scenario runner and the image commands both come through here.
 */
public final class ImageOpener {

    /**
     * A scenario's machine: the image's one filesystem (or partition {@code partition}), through a
     * copy-on-write overlay, so that whatever the scenario writes is dropped at the end.
     */
    public Machine open(Path image, OptionalInt partition) throws UnreadableImageException, PartitionChoiceException {
        return open(image, BlockDevices.OpenMode.COPY_ON_WRITE, partition);
    }

    /**
     * Opens {@code image} in {@code mode} and mounts its chosen filesystem as the root, read-only
     * when the mode is. Closing the machine closes the image. Messages start with the image's name
     * as given. A read-write mount the driver refuses with EROFS is thrown as that VfsException.
     */
    public Machine open(Path image, BlockDevices.OpenMode mode, OptionalInt partition)
            throws UnreadableImageException, PartitionChoiceException {
        Disk disk = openDisk(image, mode);
        try {
            Volume volume = disk.choose(partition);
            return mount(disk, volume, mode != BlockDevices.OpenMode.READ_ONLY, disk::close);
        } catch (UnreadableImageException | PartitionChoiceException | RuntimeException e) {
            disk.close();
            throw e;
        }
    }

    /** Opens {@code image} without mounting anything: its partitions and what each holds. */
    public Disk openDisk(Path image, BlockDevices.OpenMode mode) throws UnreadableImageException {
        return Disk.open(image, mode, Machine.newClock());
    }

    /** Mounts one volume of {@code disk} read-only; closing the machine leaves the disk open. */
    public Machine mountReadOnly(Disk disk, Volume volume) throws UnreadableImageException {
        return mount(disk, volume, false, () -> { });
    }

    private Machine mount(Disk disk, Volume volume, boolean writable, Runnable release) throws UnreadableImageException {
        String type = volume.type().orElseThrow();
        KernelClock.Manual clock = disk.clock();
        Kernel kernel = Drivers.bootWithoutRoot(clock);
        String source = volume.device().name();
        try {
            kernel.addBlockDevice(source, volume.device());
            kernel.mountRoot(type, source, writable ? "rw" : "ro");
        } catch (VfsException e) {
            if (writable && e.errno() == Errno.EROFS) {
                throw e; // readable, but not writable (e.g. a journal to replay first): the caller says so
            }
            throw new UnreadableImageException(volume.nameOn(disk.name()) + ": cannot mount " + type + ": "
                    + e.getMessage(), e);
        }
        return Machine.onImage(clock, kernel, volume.device(), release);
    }
}
