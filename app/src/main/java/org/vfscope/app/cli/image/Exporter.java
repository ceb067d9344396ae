package org.vfscope.app.cli.image;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.List;

import org.vfscope.app.cli.Cli;
import org.vfscope.app.cli.CommandFailure;
import org.vfscope.sys.Process;
import org.vfscope.vfs.OpenFlags;
import org.vfscope.vfs.Stat;

/**
 * Copies files out of an image, as {@code debugfs rdump} and {@code cp -a} do: directories,
 * regular files (holes kept as holes), symlinks, with their modes and mtimes. Never writes outside
 * the destination: names from the image that are not plain names are refused, and whatever is in
 * the way locally is replaced, never followed.
 */
final class Exporter {
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};
    /** Zero runs this long or longer become holes in the copy. */
    private static final int HOLE_GRANULE = 4096;

    private final Process p;
    private final Problems problems;
    /** One copy buffer for every file (a new one per file would be most of the garbage a get makes). */
    private final byte[] buf = new byte[CatCommand.CHUNK];

    Exporter(Process p, Problems problems) {
        this.p = p;
        this.problems = problems;
    }

    /** Exports {@code imagePath} (already lstat'ed as {@code st}) to {@code local}; failures are reported and skipped. */
    void export(String imagePath, Stat st, Path local) {
        try {
            if (st.isDir()) {
                directory(imagePath, st, local);
            } else if (st.isRegular()) {
                file(imagePath, st, local);
                attributes(local, st);
            } else if (st.isSymlink()) {
                symlink(imagePath, local);
                times(local, st);
            } else {
                problems.note("skipped '" + imagePath + "': a " + FileTypes.longName(st.mode()) + " cannot be exported");
            }
        } catch (CommandFailure f) {
            problems.report(f);
        } catch (IOException e) {
            problems.report(Failures.cannot("write", local.toString(), e));
        }
    }

    /** The contents of directory {@code imagePath} into {@code local}, which exists. */
    void contents(String imagePath, Path local) {
        List<String> names;
        try {
            names = Directory.names(p, imagePath);
        } catch (RuntimeException e) {
            problems.report(Failures.cannot("open directory", imagePath, e));
            return;
        }
        for (String name : names) {
            if (!LocalNames.isSafe(name)) {
                problems.report(new CommandFailure(Cli.EXIT_FAILED, "cannot export '" + imagePath + "' entry \""
                        + name.replace("\0", "\\0") + "\": not a plain file name (refusing to write outside the destination)", null));
                continue;
            }
            String child = ImagePaths.child(imagePath, name);
            Stat st;
            try {
                st = p.lstat(child);
            } catch (RuntimeException e) {
                problems.report(Failures.cannot("stat", child, e));
                continue;
            }
            export(child, st, local.resolve(name));
        }
    }

    private void directory(String imagePath, Stat st, Path local) throws IOException {
        if (!Files.isDirectory(local, NOFOLLOW)) {
            Files.deleteIfExists(local); // a file or a symlink in the way: replace it, never follow it
            Files.createDirectory(local);
        }
        contents(imagePath, local);
        attributes(local, st); // last: a read-only mode would stop the children, and they move the mtime
    }

    private void file(String imagePath, Stat st, Path local) throws IOException {
        if (Files.exists(local, NOFOLLOW) && !Files.isRegularFile(local, NOFOLLOW)) {
            Files.delete(local);
        }
        int fd;
        try {
            fd = p.open(imagePath, OpenFlags.O_RDONLY | OpenFlags.O_NOFOLLOW);
        } catch (RuntimeException e) {
            throw Failures.cannot("open", imagePath, e);
        }
        long written;
        try (FileChannel out = FileChannel.open(local, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS)) {
            written = copyData(fd, imagePath, out);
        } finally {
            p.close(fd);
        }
        if (written != st.size()) {
            try (RandomAccessFile sized = new RandomAccessFile(local.toFile(), "rw")) {
                sized.setLength(st.size()); // a hole at the end stays a hole
            }
        }
    }

    /** Copies the data, leaving holes; returns where the last byte written ends (the file's length). */
    private long copyData(int fd, String imagePath, FileChannel out) throws IOException {
        long pos = 0;
        long end = 0;
        while (true) {
            int n;
            try {
                n = p.read(fd, buf, 0, buf.length);
            } catch (RuntimeException e) {
                throw Failures.cannot("read", imagePath, e);
            }
            if (n <= 0) {
                return end;
            }
            for (ZeroRuns.Range r : ZeroRuns.dataRanges(buf, n, HOLE_GRANULE)) {
                ByteBuffer data = ByteBuffer.wrap(buf, r.start(), r.end() - r.start());
                long at = pos + r.start();
                while (data.hasRemaining()) {
                    at += out.write(data, at);
                }
                end = at;
            }
            pos += n;
        }
    }

    private void symlink(String imagePath, Path local) throws IOException {
        String target;
        try {
            target = p.readlink(imagePath);
        } catch (RuntimeException e) {
            throw Failures.cannot("read symbolic link", imagePath, e);
        }
        Path targetPath;
        try {
            targetPath = Path.of(target);
        } catch (InvalidPathException e) {
            throw new CommandFailure(Cli.EXIT_FAILED, "cannot export '" + imagePath + "': its target is not a valid local path", e);
        }
        Files.deleteIfExists(local);
        Files.createSymbolicLink(local, targetPath);
    }

    /** Mode (permissions with setuid, setgid, sticky) and times. */
    private static void attributes(Path local, Stat st) throws IOException {
        Files.setAttribute(local, "unix:mode", st.permissions(), NOFOLLOW);
        times(local, st);
    }

    private static void times(Path local, Stat st) throws IOException {
        Files.getFileAttributeView(local, BasicFileAttributeView.class, NOFOLLOW)
                .setTimes(FileTime.from(st.mtime()), FileTime.from(st.atime()), null);
    }
}
