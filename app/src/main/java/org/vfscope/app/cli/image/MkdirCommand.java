package org.vfscope.app.cli.image;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.vfscope.app.cli.PartitionOption;
import org.vfscope.sys.Process;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.VfsException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vfscope mkdir IMAGE PATH [-p]}. */
@Command(name = "mkdir",
        description = "Create a directory in an image (mode 755, owner root).",
        footer = {ImageCommands.WRITES, ImageCommands.EXIT_STATUS})
final class MkdirCommand implements Callable<Integer> {
    /** 0777 less the process's umask of 022, as mkdir(1) run by root gives. */
    private static final int MODE = 0777;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    @SuppressWarnings("unused")
    private boolean help;

    @Option(names = "-p", description = "Make parent directories as needed; no error if PATH is a directory already.")
    private boolean parents;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image file.")
    private Path image;

    @Parameters(index = "1", paramLabel = "PATH", description = "The directory to create.")
    private String path;

    @Override
    public Integer call() {
        String dir = ImagePaths.absolute(path);
        try (ImageSession session = ImageSession.open(image, PartitionOption.of(spec), ImageSession.Access.MODIFY)) {
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
