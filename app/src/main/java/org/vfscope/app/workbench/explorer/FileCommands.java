package org.vfscope.app.workbench.explorer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.vfscope.app.workbench.task.BackgroundTask;
import org.vfscope.sys.Process;
import org.vfscope.vfs.DirEntry;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.OpenFlags;
import org.vfscope.vfs.RenameFlags;
import org.vfscope.vfs.Stat;
import org.vfscope.vfs.VfsException;

/**
 * The explorer's file operations as system calls on a volume's process: what {@code touch},
 * {@code mkdir}, {@code mv -n}, {@code rm -r} and copying to and from the host do. Engine work:
 * call only from background tasks.
 */
public final class FileCommands {
    private static final int COPY_CHUNK = 1 << 20;

    private FileCommands() {
    }

    public static void createFile(Process p, String path) {
        p.close(p.open(path, OpenFlags.O_CREAT | OpenFlags.O_EXCL | OpenFlags.O_WRONLY, 0644));
    }

    public static void mkdir(Process p, String path) {
        p.mkdir(path, 0755);
    }

    /** Renames without replacing: an existing target is EEXIST, as a file manager refuses it. */
    public static void rename(Process p, String from, String to) {
        p.rename(from, to, RenameFlags.RENAME_NOREPLACE);
    }

    /** Deletes {@code path}, a directory with everything in it; returns how many entries went. */
    public static long delete(Process p, String path, BackgroundTask.Progress progress) throws InterruptedException {
        Stat st = p.lstat(path);
        long n = 0;
        if (st.isDir()) {
            for (DirEntry e : list(p, path)) {
                n += delete(p, FsNode.join(path, e.name()), progress);
            }
            checkCancelled(progress);
            p.rmdir(path);
        } else {
            p.unlink(path);
        }
        progress.message(++n + " deleted");
        return n;
    }

    /** Copies host file or directory {@code source} into directory {@code targetDir} of the volume. */
    public static long importFromHost(Process p, Path source, String targetDir, BackgroundTask.Progress progress)
            throws IOException, InterruptedException {
        checkCancelled(progress);
        String target = FsNode.join(targetDir, source.getFileName().toString());
        if (Files.isDirectory(source)) {
            p.mkdir(target, 0755);
            long n = 1;
            try (Stream<Path> children = Files.list(source)) {
                for (Path c : children.sorted().toList()) {
                    n += importFromHost(p, c, target, progress);
                }
            }
            return n;
        }
        int fd = p.open(target, OpenFlags.O_CREAT | OpenFlags.O_EXCL | OpenFlags.O_WRONLY, 0644);
        try (InputStream in = Files.newInputStream(source)) {
            byte[] buf = new byte[COPY_CHUNK];
            long total = Files.size(source);
            long done = 0;
            for (int r = in.read(buf); r > 0; r = in.read(buf)) {
                checkCancelled(progress);
                writeFully(p, fd, ByteBuffer.wrap(buf, 0, r));
                done += r;
                progress.update(done, total);
            }
        } finally {
            p.close(fd);
        }
        progress.message("imported " + target);
        return 1;
    }

    /** Copies {@code path} (a file, or a directory and everything in it) into host directory {@code hostDir}. */
    public static long exportToHost(Process p, String path, Path hostDir, BackgroundTask.Progress progress)
            throws IOException, InterruptedException {
        checkCancelled(progress);
        String name = path.equals("/") ? "root" : path.substring(path.lastIndexOf('/') + 1);
        Path target = hostDir.resolve(name);
        Stat st = p.lstat(path);
        if (st.isDir()) {
            Files.createDirectories(target);
            long n = 1;
            for (DirEntry e : list(p, path)) {
                n += exportToHost(p, FsNode.join(path, e.name()), target, progress);
            }
            return n;
        }
        if (st.isSymlink()) {
            Files.createSymbolicLink(target, Path.of(p.readlink(path)));
            return 1;
        }
        if (!st.isRegular()) {
            progress.message("skipped special file " + path);
            return 0;
        }
        int fd = p.open(path, OpenFlags.O_RDONLY);
        try (OutputStream out = Files.newOutputStream(target)) {
            byte[] buf = new byte[COPY_CHUNK];
            long done = 0;
            for (int r = p.read(fd, buf, 0, buf.length); r > 0; r = p.read(fd, buf, 0, buf.length)) {
                checkCancelled(progress);
                out.write(buf, 0, r);
                done += r;
                progress.update(done, st.size());
            }
        } finally {
            p.close(fd);
        }
        return 1;
    }

    /** Reads at most {@code max} bytes from the start of file {@code path}. */
    public static byte[] read(Process p, String path, long offset, int max) {
        int fd = p.open(path, OpenFlags.O_RDONLY);
        try {
            ByteBuffer buf = ByteBuffer.allocate(max);
            long pos = offset;
            while (buf.hasRemaining()) {
                int r = p.pread(fd, buf, pos);
                if (r <= 0) {
                    break;
                }
                pos += r;
            }
            byte[] out = new byte[buf.position()];
            buf.flip().get(out);
            return out;
        } finally {
            p.close(fd);
        }
    }

    /** Replaces the whole content of {@code path} with {@code data} (truncate, then write). */
    public static void writeAll(Process p, String path, byte[] data) {
        int fd = p.open(path, OpenFlags.O_WRONLY | OpenFlags.O_TRUNC);
        try {
            writeFully(p, fd, ByteBuffer.wrap(data));
        } finally {
            p.close(fd);
        }
    }

    /** Writes {@code data} at {@code offset} of {@code path}, in place. */
    public static void writeAt(Process p, String path, long offset, byte[] data) {
        int fd = p.open(path, OpenFlags.O_WRONLY);
        try {
            ByteBuffer b = ByteBuffer.wrap(data);
            long pos = offset;
            while (b.hasRemaining()) {
                pos += p.pwrite(fd, b, pos);
            }
        } finally {
            p.close(fd);
        }
    }

    private static void writeFully(Process p, int fd, ByteBuffer b) {
        while (b.hasRemaining()) {
            if (p.write(fd, b) <= 0) {
                throw new VfsException(Errno.EIO, "write", "no progress");
            }
        }
    }

    private static List<DirEntry> list(Process p, String path) {
        int fd = p.open(path, OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY);
        try {
            List<DirEntry> out = new java.util.ArrayList<>();
            for (List<DirEntry> b = p.getdents(fd, 1024); !b.isEmpty(); b = p.getdents(fd, 1024)) {
                b.stream().filter(e -> !e.name().equals(".") && !e.name().equals("..")).forEach(out::add);
            }
            return out;
        } finally {
            p.close(fd);
        }
    }

    private static void checkCancelled(BackgroundTask.Progress progress) throws InterruptedException {
        if (progress.isCancelled() || Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("cancelled");
        }
    }
}
