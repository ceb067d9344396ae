package org.vfscope.app.cli.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
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
final class Exporter implements AutoCloseable {
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private final Process p;
    private final Problems problems;
    /** The host side, on its own thread: the image is read while host files are written. */
    private final LocalWriter writer;

    Exporter(Process p, Problems problems) {
        this.p = p;
        this.problems = problems;
        this.writer = new LocalWriter(problems);
    }

    /** Exports {@code imagePath} (already lstat'ed as {@code st}) to {@code local}; failures are reported and skipped. */
    void export(String imagePath, Stat st, Path local) {
        try {
            if (st.isDir()) {
                directory(imagePath, st, local);
            } else if (st.isRegular()) {
                file(imagePath, st, local);
            } else if (st.isSymlink()) {
                symlink(imagePath, st, local);
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

    /** Waits for the host side to finish every file. */
    @Override
    public void close() {
        writer.close();
    }

    /**
     * Made here, before its entries are queued (a failure skips them, reported once); its mode
     * and times go after them: a read-only mode would stop the children, and they move the mtime.
     */
    private void directory(String imagePath, Stat st, Path local) throws IOException {
        if (!Files.isDirectory(local, NOFOLLOW)) {
            Files.deleteIfExists(local); // a file or a symlink in the way: replace it, never follow it
            Files.createDirectory(local);
        }
        contents(imagePath, local);
        writer.attributes(local, st);
    }

    private void file(String imagePath, Stat st, Path local) {
        int fd;
        try {
            fd = p.open(imagePath, OpenFlags.O_RDONLY | OpenFlags.O_NOFOLLOW);
        } catch (RuntimeException e) {
            throw Failures.cannot("open", imagePath, e);
        }
        writer.openFile(local);
        try {
            long pos = 0;
            while (true) {
                byte[] buf = writer.buffer();
                int n;
                try {
                    n = p.read(fd, buf, 0, buf.length);
                } catch (RuntimeException e) {
                    writer.release(buf);
                    writer.abortFile();
                    throw Failures.cannot("read", imagePath, e);
                }
                if (n <= 0) {
                    writer.release(buf);
                    break;
                }
                writer.write(buf, n, pos);
                pos += n;
            }
        } finally {
            p.close(fd);
        }
        writer.closeFile(st);
    }

    private void symlink(String imagePath, Stat st, Path local) {
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
        writer.symlink(local, targetPath, st);
    }
}
