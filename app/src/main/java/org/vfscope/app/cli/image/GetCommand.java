package org.vfscope.app.cli.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.vfscope.sys.Process;
import org.vfscope.vfs.Stat;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code vfscope get IMAGE PATH DEST}: export a file or a directory tree out of an image. */
@Command(name = "get",
        description = {
            "Copy a file or a directory tree out of an image.",
            "",
            "A directory's contents go into DEST, created if missing (merged if it exists). A file or "
                + "symlink becomes DEST, or DEST/NAME when DEST is a directory. Modes, mtimes and symlinks "
                + "are kept, holes stay holes. Nothing is written outside DEST: entries whose names are not "
                + "plain names are refused, and symlinks already in DEST are replaced, never followed. Device"
                + " nodes, fifos and sockets are skipped with a note. A file that cannot be read is reported "
                + "and skipped; the rest is still exported (exit status 2).",
        },
        footer = ImageCommands.EXIT_STATUS)
final class GetCommand implements Callable<Integer> {

    @Mixin
    private ImageArgument imageArgument;

    @Parameters(index = "1", paramLabel = "PATH", description = "File or directory in the image.")
    private String path;

    @Parameters(index = "2", paramLabel = "DEST", description = "Local directory (or file name) to export to.")
    private Path dest;

    @Override
    public Integer call() {
        String source = ImagePaths.absolute(path);
        Problems problems = new Problems(imageArgument.commandLine().getErr());
        try (ImageSession session = imageArgument.open(ImageSession.Access.READ)) {
            Process p = session.process();
            Stat st;
            try {
                st = p.lstat(source);
            } catch (RuntimeException e) {
                throw Failures.cannot("stat", source, e);
            }
            try (Exporter exporter = new Exporter(p, problems)) {
                if (st.isDir()) {
                    exportDirectory(exporter, source, st);
                } else {
                    Path target = Files.isDirectory(dest) ? dest.resolve(ImagePaths.name(source)) : dest;
                    exporter.export(source, st, target);
                }
            }
        }
        return problems.exitStatus();
    }

    /** Into DEST: created with the directory's mode and mtime, or merged into what is there. */
    private void exportDirectory(Exporter exporter, String source, Stat st) {
        if (Files.isDirectory(dest)) {
            exporter.contents(source, dest);
            return;
        }
        if (Files.exists(dest, LinkOption.NOFOLLOW_LINKS)) {
            throw Failures.cannot("export into", dest.toString(), new NotDirectoryException(dest.toString()));
        }
        try {
            Files.createDirectories(dest.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw Failures.cannot("create directory", dest.toString(), e);
        }
        exporter.export(source, st, dest);
    }
}
