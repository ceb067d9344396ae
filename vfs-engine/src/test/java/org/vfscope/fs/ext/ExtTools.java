package org.vfscope.fs.ext;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.vfscope.block.BlockDevices;
import org.vfscope.sys.Process;
import org.vfscope.vfs.Kernel;
import org.vfscope.vfs.KernelClock;
import org.vfscope.vfs.SuperBlock;

/** The reference tools (mke2fs, debugfs, e2fsck) and mounting an image on a fresh kernel. */
final class ExtTools {
    private ExtTools() {
    }

    /** Runs a command; returns stdout; fails the test on a non-zero exit unless {@code okCodes}. */
    static String run(List<String> cmd, int... okCodes) {
        try {
            java.lang.Process proc = new ProcessBuilder(cmd).redirectErrorStream(false).start();
            byte[] out = proc.getInputStream().readAllBytes();
            byte[] err = proc.getErrorStream().readAllBytes();
            if (!proc.waitFor(120, TimeUnit.SECONDS)) {
                proc.destroyForcibly();
                throw new AssertionError("timed out: " + cmd);
            }
            int rc = proc.exitValue();
            boolean ok = rc == 0 || Arrays.stream(okCodes).anyMatch(c -> c == rc);
            assertThat(ok).as("%s exited %d: %s", cmd, rc, new String(err, StandardCharsets.UTF_8)).isTrue();
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static String run(String... cmd) {
        return run(List.of(cmd));
    }

    /** mke2fs -q -F -t TYPE [opts...] -d SRC IMG SIZE. */
    static Path mkfs(Path img, String type, String size, Path src, String... opts) {
        List<String> cmd = new ArrayList<>(List.of("mke2fs", "-q", "-F", "-t", type));
        cmd.addAll(List.of(opts));
        if (src != null) {
            cmd.addAll(List.of("-d", src.toString()));
        }
        cmd.addAll(List.of(img.toString(), size));
        run(cmd);
        return img;
    }

    /** debugfs -w -R REQUEST IMG. */
    static String debugfsWrite(Path img, String request) {
        return run("debugfs", "-w", "-R", request, img.toString());
    }

    static String debugfs(Path img, String request) {
        return run("debugfs", "-R", request, img.toString());
    }

    /** e2fsck -fyD: rebuilds (and indexes) every directory; exit 1 means "fixed", fine here. */
    static void reindex(Path img) {
        run(List.of("e2fsck", "-fyD", img.toString()), 1);
    }

    /** A kernel with {@code img} mounted read-only at /mnt as {@code type}. */
    record Mounted(Kernel kernel, Process p, SuperBlock sb) {
        ExtSuper ext() {
            return ExtSuper.of(sb);
        }
    }

    static Mounted mount(Path img, String type) {
        return mount(img, type, "ro");
    }

    static Mounted mount(Path img, String type, String options) {
        KernelClock clock = new KernelClock.Manual(Instant.parse("2030-01-01T00:00:00Z"));
        Kernel kernel = Kernel.boot(clock);
        kernel.addBlockDevice("img", BlockDevices.openImage(img, BlockDevices.OpenMode.READ_ONLY, clock));
        Process p = Process.init(kernel);
        p.mkdir("/mnt", 0755);
        p.mount("img", "/mnt", type, options);
        SuperBlock sb = kernel.superBlocks().stream().filter(s -> ExtSuper.of(s) != null).findFirst().orElseThrow();
        return new Mounted(kernel, p, sb);
    }
}
