package org.vfscope.app.cli.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.vfscope.app.cli.Cli;
import org.vfscope.app.cli.CommandFailure;
import org.vfscope.sys.Process;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.OpenFlags;
import org.vfscope.vfs.Stat;
import org.vfscope.vfs.VfsException;

/**
 * Copies local files into an image, as {@code mke2fs -d} does: directories, regular files (zero
 * runs left as holes), symlinks, fifos, sockets and device nodes, with their modes, owners and
 * times; hard links become links to one inode. Whatever non-directory is in the way in the image
 * is replaced; a failure is reported and the rest goes on.
 */
final class Importer {
    /** Bytes of a file written between two drop-behinds: a big file never fills the page cache. */
    private static final long DROP_BEHIND = 1 << 20;
    private final Process p;
    private final Problems problems;
    private final int holeGranule;
    private final LocalXattrs xattrs;
    /** One copy buffer for every file: a new one per file would be most of the garbage a put makes. */
    private final byte[] buf = new byte[CatCommand.CHUNK];
    /** The image path each multiply-linked local inode was first written to. */
    private final Map<LocalEntry.Key, String> linked = new HashMap<>();

    /**
     * {@code holeGranule}: the image's block size, the smallest hole worth leaving;
     * {@code xattrs}: the extended attributes of the local files.
     */
    Importer(Process p, Problems problems, int holeGranule, LocalXattrs xattrs) {
        this.p = p;
        this.problems = problems;
        this.holeGranule = holeGranule;
        this.xattrs = xattrs;
    }

    /** Imports {@code local} as {@code imagePath}; failures are reported and skipped. */
    void importEntry(LocalEntry local, String imagePath) {
        try {
            if (local.isDir()) {
                directory(local, imagePath);
                contents(local.path(), imagePath);
                attributes(local, imagePath); // last: adding the children moved the mtime
                return;
            }
            String first = local.nlink() > 1 ? linked.get(local.key()) : null;
            if (first == null && local.isRegular()) {
                file(local, imagePath); // clears the way itself, only when something is there
                if (local.nlink() > 1) {
                    linked.put(local.key(), imagePath);
                }
                return;
            }
            clearWay(imagePath);
            if (first != null) {
                run("create hard link", imagePath, () -> p.link(first, imagePath));
                return;
            }
            if (local.isSymlink()) {
                String target = Files.readSymbolicLink(local.path()).toString();
                run("create symbolic link", imagePath, () -> p.symlink(target, imagePath));
            } else {
                run("create special file", imagePath, () -> p.mknod(imagePath, local.mode(), local.rdev()));
            }
            attributes(local, imagePath);
            if (local.nlink() > 1) {
                linked.put(local.key(), imagePath);
            }
        } catch (CommandFailure f) {
            problems.report(f);
        } catch (IOException e) {
            problems.report(Failures.cannot("read", local.path().toString(), e));
        }
    }

    /** The entries of local directory {@code dir} into image directory {@code imagePath}, sorted by name. */
    void contents(Path dir, String imagePath) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            entries.forEach(children::add);
        }
        children.sort((a, b) -> Directory.compareBytes(a.getFileName().toString(), b.getFileName().toString()));
        for (Path child : children) {
            if (child.getFileName().toString().indexOf('\uFFFD') >= 0) {
                // The JVM decoded the name lossily: storing it would write U+FFFD, not the name.
                problems.report(Failures.undecodableName(child.toString()));
                continue;
            }
            LocalEntry entry;
            try {
                entry = LocalEntry.read(child);
            } catch (IOException e) {
                problems.report(Failures.cannot("stat", child.toString(), e));
                continue;
            }
            importEntry(entry, ImagePaths.child(imagePath, child.getFileName().toString()));
        }
    }

    /** Image directory {@code imagePath}: made, or merged into when it is there. */
    void directory(LocalEntry local, String imagePath) {
        Stat there = lstatOrNull(imagePath);
        if (there == null) {
            run("create directory", imagePath, () -> p.mkdir(imagePath, local.permissions()));
        } else if (!there.isDir()) {
            throw new CommandFailure(Cli.EXIT_FAILED, "cannot overwrite non-directory '" + imagePath
                    + "' with directory '" + local.path() + "'", null);
        }
    }

    /**
     * Owner, then mode (chown clears setuid), then extended attributes and ACLs as they are
     * locally (set after the mode, as mke2fs -d stores them: a chmod would rewrite an ACL's mask),
     * then times; a symlink has no mode of its own.
     */
    void attributes(LocalEntry local, String imagePath) {
        run("change owner of", imagePath, () -> p.lchown(imagePath, local.uid(), local.gid()));
        if (!local.isSymlink()) {
            run("change mode of", imagePath, () -> p.chmod(imagePath, local.permissions()));
        }
        for (LocalXattrs.Xattr x : xattrs.of(local.path())) {
            try {
                p.lsetxattr(imagePath, x.name(), x.value(), 0);
            } catch (RuntimeException e) {
                problems.report(Failures.cannot("set extended attribute " + x.name() + " of", imagePath, e));
            }
        }
        if (local.isSymlink()) {
            run("set times of", imagePath, () -> p.lutimes(imagePath, local.atime(), local.mtime()));
        } else {
            run("set times of", imagePath, () -> p.utimes(imagePath, local.atime(), local.mtime()));
        }
    }

    /** {@link #attributes} through the open file {@code fd}: the same order, no path walks. */
    private void attributes(LocalEntry local, String imagePath, int fd) {
        run("change owner of", imagePath, () -> p.fchown(fd, local.uid(), local.gid()));
        run("change mode of", imagePath, () -> p.fchmod(fd, local.permissions()));
        for (LocalXattrs.Xattr x : xattrs.of(local.path())) {
            try {
                p.fsetxattr(fd, x.name(), x.value(), 0);
            } catch (RuntimeException e) {
                problems.report(Failures.cannot("set extended attribute " + x.name() + " of", imagePath, e));
            }
        }
        run("set times of", imagePath, () -> p.futimens(fd, local.atime(), local.mtime()));
    }

    /** A non-directory in the image where a new file goes is removed (cp --remove-destination). */
    private void clearWay(String imagePath) {
        Stat there = lstatOrNull(imagePath);
        if (there == null) {
            return;
        }
        if (there.isDir()) {
            throw new CommandFailure(Cli.EXIT_FAILED, "cannot overwrite directory '" + imagePath
                    + "' with non-directory", null);
        }
        run("remove", imagePath, () -> p.unlink(imagePath));
    }

    /** A regular file with its contents and attributes; whatever non-directory is at the path is replaced. */
    private void file(LocalEntry local, String imagePath) throws IOException {
        int fd = create(local, imagePath);
        try (FileChannel in = FileChannel.open(local.path())) {
            long pos = 0;
            long dropped = 0;
            for (int n = in.read(ByteBuffer.wrap(buf)); n > 0; n = in.read(ByteBuffer.wrap(buf))) {
                for (ZeroRuns.Range r : ZeroRuns.dataRanges(buf, n, holeGranule)) {
                    ByteBuffer data = ByteBuffer.wrap(buf, r.start(), r.end() - r.start());
                    long at = pos + r.start();
                    while (data.hasRemaining()) {
                        long offset = at;
                        at += call("write", imagePath, () -> p.pwrite(fd, data, offset));
                    }
                }
                pos += n;
                if (pos - dropped >= DROP_BEHIND) {
                    dropBehind(fd, imagePath);
                    dropped = pos;
                }
            }
            long size = pos;
            run("write", imagePath, () -> p.ftruncate(fd, size)); // the size, holes at the end included
            dropBehind(fd, imagePath);
            attributes(local, imagePath, fd);
        } finally {
            p.close(fd);
        }
    }

    /** The new file, open for writing; the way is cleared only when the create finds something there. */
    private int create(LocalEntry local, String imagePath) {
        int flags = OpenFlags.O_CREAT | OpenFlags.O_EXCL | OpenFlags.O_WRONLY | OpenFlags.O_NOFOLLOW;
        try {
            return p.open(imagePath, flags, local.permissions());
        } catch (RuntimeException e) {
            if (!(e instanceof VfsException v && v.errno() == Errno.EEXIST)) {
                throw Failures.cannot("create", imagePath, e);
            }
        }
        clearWay(imagePath);
        return call("create", imagePath, () -> p.open(imagePath, flags, local.permissions()));
    }

    /**
     * Drop-behind, as a streaming copy does with POSIX_FADV_DONTNEED: the pages written so far go
     * to the image now and leave the cache, so a put keeps few pages alive whatever it imports.
     */
    private void dropBehind(int fd, String imagePath) {
        run("write", imagePath, () -> p.fadvise(fd, Process.POSIX_FADV_DONTNEED));
    }

    private Stat lstatOrNull(String imagePath) {
        try {
            return p.lstat(imagePath);
        } catch (VfsException e) {
            if (e.errno() == Errno.ENOENT) {
                return null;
            }
            throw Failures.cannot("stat", imagePath, e);
        }
    }

    private static void run(String what, String imagePath, Runnable syscall) {
        call(what, imagePath, () -> {
            syscall.run();
            return null;
        });
    }

    private static <T> T call(String what, String imagePath, Supplier<T> syscall) {
        try {
            return syscall.get();
        } catch (RuntimeException e) {
            throw Failures.cannot(what, imagePath, e);
        }
    }
}
