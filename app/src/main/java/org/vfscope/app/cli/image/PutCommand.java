package org.vfscope.app.cli.image;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.vfscope.sys.Process;
import org.vfscope.vfs.VfsException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code vfscope put IMAGE SRC PATH}: import a local file or directory tree into an image. */
@Command(name = "put",
        description = {
            "Copy a local file or directory tree into an image, as mke2fs -d does.",
            "",
            "A directory's contents are merged into directory PATH (created, with parents, if missing; "
                + "it takes SRC's mode, owner and times). A file, symlink or special file is written to PATH,"
                + " or PATH/NAME when PATH is a directory. Kept: modes, owners, access and modification "
                + "times, symlinks, hard links (one inode), holes (runs of zeros), fifos, sockets and device "
                + "nodes, extended attributes (user, security, trusted when root) and POSIX ACLs (read with "
                + "getfattr, package attr). A non-directory already at a destination is replaced.",
        },
        footer = {ImageCommands.WRITES, ImageCommands.EXIT_STATUS})
final class PutCommand implements Callable<Integer> {

    @Mixin
    private ImageArgument imageArgument;

    @Parameters(index = "1", paramLabel = "SRC", description = "Local file or directory.")
    private Path source;

    @Parameters(index = "2", paramLabel = "PATH", description = "Where it goes in the image.")
    private String path;

    @Override
    public Integer call() {
        String target = ImagePaths.absolute(path);
        LocalEntry local;
        try {
            local = LocalEntry.read(source);
        } catch (IOException e) {
            throw Failures.cannot("stat", source.toString(), e);
        }
        Problems problems = new Problems(imageArgument.commandLine().getErr());
        try (ImageSession session = imageArgument.open(ImageSession.Access.MODIFY)) {
            Process p = session.process();
            LocalXattrs xattrs = LocalXattrs.read(source);
            if (xattrs.unavailable() != null) {
                problems.note("extended attributes not imported: " + xattrs.unavailable());
            }
            for (String s : xattrs.skipped()) {
                problems.note("extended attribute not imported (an ext filesystem has no such namespace): " + s);
            }
            Importer importer = new Importer(p, problems, p.stat("/").blksize(), xattrs);
            if (local.isDir()) {
                MkdirCommand.mkdirs(p, ImagePaths.parent(target));
                importer.directory(local, target);
                try {
                    importer.contents(source, target);
                } catch (IOException e) {
                    throw Failures.cannot("read directory", source.toString(), e);
                }
                importer.attributes(local, target);
            } else {
                importer.importEntry(local, isDirectory(p, target) ? ImagePaths.child(target, source.getFileName().toString()) : target);
            }
        }
        return problems.exitStatus();
    }

    private static boolean isDirectory(Process p, String path) {
        try {
            return p.stat(path).isDir();
        } catch (VfsException e) {
            return false;
        }
    }
}
