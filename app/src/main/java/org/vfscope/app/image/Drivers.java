package org.vfscope.app.image;

import java.time.Instant;

import org.vfscope.vfs.FileSystemRegistry;
import org.vfscope.vfs.Kernel;
import org.vfscope.vfs.KernelClock;

/**
 * The filesystem drivers {@code Kernel.boot} registers, lent to kernels whose root is an image.
 * {@code Kernel.boot} is the one list of drivers (and registers their probers with FsProbe), but it
 * mounts ramfs as the root, and an image must be the root for its absolute symlinks to resolve
 * inside it (the engine has no chroot).
 */
public final class Drivers {
    /**
     * Booted once: driver types hold no state of their own, so every kernel may share them. Its
     * clock never moves, so the lender's own timers (the flusher's) never fire.
     */
    private static final FileSystemRegistry BOOTED = Kernel.boot(new KernelClock.Manual(Instant.EPOCH)).filesystems();

    private Drivers() {
    }

    /** Makes sure every driver's prober is registered with FsProbe. */
    public static void load() {
        BOOTED.names();
    }

    /** A kernel with every driver registered and nothing mounted yet. */
    static Kernel bootWithoutRoot(KernelClock clock) {
        Kernel kernel = new Kernel(clock);
        for (String name : BOOTED.names()) {
            kernel.filesystems().register(BOOTED.lookup(name));
        }
        return kernel;
    }
}
