package org.vfscope.app.image;

import java.time.Instant;
import java.util.Optional;

import org.vfscope.block.InstrumentedDevice;
import org.vfscope.sys.Process;
import org.vfscope.vfs.Kernel;
import org.vfscope.vfs.KernelClock;
import org.vfscope.vfs.Mount;
import org.vfscope.vfs.SuperBlock;

/**
 * A freshly booted kernel on a manual clock (time moves only when someone moves it, and timers
 * such as the flusher's fire then), its first process, and the block device under the root
 * filesystem, if it has one (ramfs has none). On an image, the image's filesystem is the root, so
 * paths and absolute symlinks inside the image resolve as they would on the system it came from.
 */
public final class Machine implements AutoCloseable {
    private final KernelClock.Manual clock;
    private final Kernel kernel;
    private final Process process;
    private final Optional<InstrumentedDevice> device;
    private final Runnable release;
    private final Optional<JournalNote> journal;
    private volatile boolean replayPending;
    private volatile boolean heldReadOnly;

    private Machine(KernelClock.Manual clock, Kernel kernel, Optional<InstrumentedDevice> device, Runnable release,
                    Optional<JournalNote> journal, boolean replayPending, boolean heldReadOnly) {
        this.clock = clock;
        this.kernel = kernel;
        this.process = Process.init(kernel);
        this.device = device;
        this.release = release;
        this.journal = journal;
        this.replayPending = replayPending;
        this.heldReadOnly = heldReadOnly;
    }

    /** A kernel with ramfs at "/", as {@code Kernel.boot} mounts it; there is no block device. */
    public static Machine ramfs() {
        KernelClock.Manual clock = newClock();
        return new Machine(clock, Kernel.boot(clock), Optional.empty(), () -> { }, Optional.empty(), false, false);
    }

    /**
     * A kernel whose root is already an image's filesystem on {@code device}; {@code release}
     * closes the image. {@code replayPending}: the overlay holds a journal replay not yet
     * committed; {@code heldReadOnly}: the root, writable otherwise, is held read-only until then
     * ({@link #replayCommitted}).
     */
    static Machine onImage(KernelClock.Manual clock, Kernel kernel, InstrumentedDevice device, Runnable release,
                           Optional<JournalNote> journal, boolean replayPending, boolean heldReadOnly) {
        return new Machine(clock, kernel, Optional.of(device), release, journal, replayPending, heldReadOnly);
    }

    /** What was done about a journal that needed recovery when the image was opened, if it did. */
    public Optional<JournalNote> journal() {
        return journal;
    }

    /** Whether the overlay holds a journal replay that is not committed to the image yet. */
    public boolean replayPending() {
        return replayPending;
    }

    /**
     * The overlay holding the journal replay was committed to the image: the file is recovered,
     * so the filesystem (mounted read-write, held read-only until now) may be written.
     */
    public void replayCommitted() {
        replayPending = false;
        if (heldReadOnly) {
            heldReadOnly = false;
            SuperBlock sb = rootSuperBlock();
            sb.setReadOnlyReason(null);
            sb.setFlags(sb.flags() & ~org.vfscope.vfs.MountFlags.RDONLY);
        }
    }

    /** The clock a machine runs on: stopped until someone moves it. */
    static KernelClock.Manual newClock() {
        return new KernelClock.Manual(Instant.now());
    }

    public Kernel kernel() {
        return kernel;
    }

    public KernelClock.Manual clock() {
        return clock;
    }

    /** The process whose system calls commands and scenario steps make (root, at "/"). */
    public Process process() {
        return process;
    }

    /** The root filesystem's superblock: the image's filesystem, or ramfs. */
    public SuperBlock rootSuperBlock() {
        return kernel.namespace().root().sb();
    }

    /** The device under the root filesystem, for a latency model; empty on ramfs. */
    public Optional<InstrumentedDevice> device() {
        return device;
    }

    public boolean hasDevice() {
        return device.isPresent();
    }

    /**
     * The process exits; on an image the root filesystem is then shut down as its last umount
     * would (writing back what is dirty) and the image closed. A copy-on-write overlay is dropped
     * unsaved.
     */
    @Override
    public void close() {
        try {
            process.exit();
        } finally {
            try {
                if (device.isPresent()) {
                    // The namespace root cannot be unmounted: shut its superblock down as umount does for the last mount.
                    Mount root = kernel.namespace().root();
                    root.root().put();
                    root.sb().type().killSuper(root.sb());
                }
            } finally {
                release.run();
            }
        }
    }
}
