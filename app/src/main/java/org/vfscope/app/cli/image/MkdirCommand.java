package org.vfscope.app.cli.image;

import java.util.concurrent.Callable;

import org.vfscope.sys.Process;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.VfsException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vfscope mkdir IMAGE PATH [-p]}. */
@Command(name = "mkdir",
        description = "Create a directory in an image (mode 755, owner root).",
        footer = {ImageCommands.WRITES, ImageCommands.EXIT_STATUS})
final class MkdirCommand implements Callable<Integer> {
    /** 0777 less the process's umask of 022, as mkdir(1) run by root gives. */
    private static final int MODE = 0777;

    @Mixin
    private ImageArgument imageArgument;

    @Option(names = "-p", description = "Make parent directories as needed; no error if PATH is a directory already.")
    private boolean parents;

    @Parameters(index = "1", paramLabel = "PATH", description = "The directory to create.")
    private String path;

    @Override
    public Integer call() {
        String dir = ImagePaths.absolute(path);
        try (ImageSession session = imageArgument.open(ImageSession.Access.MODIFY)) {
            Process p = session.process();
            if (parents) {
                mkdirs(p, dir);
            } else {
                mkdir(p, dir);
            }
        }
        return 0;
    }

    private static void mkdir(Process p, String dir) {
        try {
            p.mkdir(dir, MODE);
        } catch (RuntimeException e) {
            throw Failures.cannot("create directory", dir, e);
        }
    }

    /** mkdir -p: each missing component in turn; one that exists must be a directory. */
    static void mkdirs(Process p, String dir) {
        String made = "";
        for (String part : dir.substring(1).split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            made = made + "/" + part;
            try {
                p.mkdir(made, MODE);
            } catch (VfsException e) {
                if (e.errno() != Errno.EEXIST || !isDir(p, made)) {
                    throw Failures.cannot("create directory", made, e);
                }
            } catch (RuntimeException e) {
                throw Failures.cannot("create directory", made, e);
            }
        }
    }

    private static boolean isDir(Process p, String path) {
        try {
            return p.stat(path).isDir();
        } catch (VfsException e) {
            return false;
        }
    }
}
