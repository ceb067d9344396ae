package org.vfscope.fs.ext;

import java.nio.file.Path;
import java.time.Instant;
import org.vfscope.block.BlockDevices;
import org.vfscope.block.InstrumentedDevice;
import org.vfscope.sys.Process;
import org.vfscope.vfs.Kernel;
import org.vfscope.vfs.KernelClock;
import org.vfscope.vfs.SuperBlock;

/** An image mounted read-write at /mnt on a fresh kernel, written back and released by {@link #unmount}. */
final class ExtRw {
    final Kernel kernel;
    final Process p;
    final SuperBlock sb;
    private final InstrumentedDevice device;

    private ExtRw(Kernel kernel, Process p, SuperBlock sb, InstrumentedDevice device) {
        this.kernel = kernel;
        this.p = p;
        this.sb = sb;
        this.device = device;
    }

    static ExtRw mount(Path img, String type) {
        return mount(img, type, "rw");
    }

    static ExtRw mount(Path img, String type, String options) {
        KernelClock clock = new KernelClock.Manual(Instant.parse("2030-01-01T00:00:00Z"));
        Kernel kernel = Kernel.boot(clock);
        InstrumentedDevice dev = BlockDevices.openImage(img, BlockDevices.OpenMode.READ_WRITE, clock);
        kernel.addBlockDevice("img", dev);
        Process p = Process.init(kernel);
        p.umask(0);
        p.mkdir("/mnt", 0755);
        try {
            p.mount("img", "/mnt", type, options);
        } catch (RuntimeException e) {
            dev.close();
            throw e;
        }
        SuperBlock sb = kernel.superBlocks().stream().filter(s -> ExtSuper.of(s) != null).findFirst().orElseThrow();
        return new ExtRw(kernel, p, sb, dev);
    }

    ExtSuper ext() {
        return ExtSuper.of(sb);
    }

    /** sync(2), umount, and the image file closed: what is on disk is all there is. */
    void unmount() {
        p.sync();
        p.umount("/mnt");
        device.close();
    }
}
