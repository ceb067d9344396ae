package org.vfscope.sys;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.vfscope.vfs.Credentials;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.Kernel;
import org.vfscope.vfs.KernelClock;
import org.vfscope.vfs.OpenFlags;
import org.vfscope.vfs.VfsException;

/**
 * Shared fixture for the POSIX specification tests of the system calls: a kernel on a manual
 * clock, a root process and an unprivileged one (uid/gid 1000), and small I/O helpers.
 */
abstract class SpecSupport {
    static final Instant BOOT = Instant.parse("2024-01-01T00:00:00Z");
    static final int USER = 1000;
    static final int RDWR_CREAT = OpenFlags.O_RDWR | OpenFlags.O_CREAT;

    final KernelClock.Manual clock = new KernelClock.Manual(BOOT);
    final Kernel k = Kernel.boot(clock);
    final Process p = Process.init(k);
    final Process u = p.fork(Credentials.of(USER, USER));

    /** Asserts that {@code call} fails with {@code errno}. */
    static void assertErrno(Errno errno, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(VfsException.class)
                .extracting(e -> ((VfsException) e).errno()).isEqualTo(errno);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Creates {@code path} (mode 0644 under the default umask) holding {@code content}. */
    void createFile(Process proc, String path, String content) {
        int fd = proc.open(path, RDWR_CREAT | OpenFlags.O_TRUNC, 0644);
        try {
            if (!content.isEmpty()) {
                proc.write(fd, bytes(content));
            }
        } finally {
            proc.close(fd);
        }
    }

    void createFile(String path, String content) {
        createFile(p, path, content);
    }

    /** read(2) of up to {@code max} bytes at the descriptor's offset, as a string. */
    static String read(Process proc, int fd, int max) {
        ByteBuffer buf = ByteBuffer.allocate(max);
        int n = proc.read(fd, buf);
        return new String(buf.array(), 0, n, StandardCharsets.UTF_8);
    }

    /** pread(2) of up to {@code max} bytes at {@code offset}, as raw bytes. */
    static byte[] pread(Process proc, int fd, int max, long offset) {
        ByteBuffer buf = ByteBuffer.allocate(max);
        int n = proc.pread(fd, buf, offset);
        byte[] out = new byte[n];
        System.arraycopy(buf.array(), 0, out, 0, n);
        return out;
    }

    /** The whole content of the file at {@code path}, read as root. */
    String contents(String path) {
        int fd = p.open(path, OpenFlags.O_RDONLY);
        try {
            long size = p.fstat(fd).size();
            return new String(pread(p, fd, (int) size, 0), StandardCharsets.UTF_8);
        } finally {
            p.close(fd);
        }
    }

    /** Moves the kernel clock on, so that a timestamp set afterwards differs. */
    void tick() {
        clock.advanceMillis(1000);
    }

    /** A second ramfs at /mnt holding /mnt/f ("hello") and /mnt/d, then remounted read-only. */
    void mountReadOnlyRamfs() {
        p.mkdir("/mnt", 0755);
        p.mount("none", "/mnt", "ramfs", "");
        createFile("/mnt/f", "hello");
        p.mkdir("/mnt/d", 0755);
        p.symlink("nothere", "/mnt/dangle");
        p.remount("/mnt", "ro");
    }

    /** A ramfs limited to 64 KiB (16 pages) at /small. */
    void mountSmallRamfs() {
        p.mkdir("/small", 0755);
        p.mount("none", "/small", "ramfs", "size=64k");
    }
}
