package org.vfscope.app.scenario;

import java.nio.file.Path;

import org.vfscope.block.BlockDevices;
import org.vfscope.block.InstrumentedDevice;
import org.vfscope.vfs.KernelClock;
import org.vfscope.vfs.VfsException;

/**
 * Boots a machine on an image file: the one place where filesystem drivers for images plug in.
 * The image is opened through the block layer's copy-on-write overlay, so whatever a scenario
 * writes stays in the overlay and is dropped at the end: the file is never changed.
 */
public final class ImageOpener {

    /** Opens {@code image}; messages start with its name as given. */
    public Machine open(Path image) throws UnreadableImageException {
        String name = image.toString();
        KernelClock.Manual clock = Machine.newClock();
        InstrumentedDevice device;
        try {
            device = BlockDevices.openImage(image, BlockDevices.OpenMode.COPY_ON_WRITE, clock);
        } catch (VfsException e) {
            throw new UnreadableImageException(name + ": " + e.errno().message(), e);
        }
        try {
            return mount(name, clock, device);
        } catch (UnreadableImageException | RuntimeException e) {
            device.close();
            throw e;
        }
    }

    /**
     * Where a driver plugs in: boot a kernel on {@code clock} with the drivers registered, mount
     * the device as its root, and return {@code new Machine(clock, kernel, Optional.of(device))}.
     * No driver reads images yet (ext2 is next), so every image is refused for now.
     */
    private Machine mount(String name, KernelClock.Manual clock, InstrumentedDevice device) throws UnreadableImageException {
        throw new UnreadableImageException(name + ": no filesystem driver can read this image yet (supported today: --ramfs)");
    }
}
