package org.vfscope.app.cli.image;

import java.util.concurrent.Callable;

import org.vfscope.app.cli.Cli;
import org.vfscope.app.cli.CommandFailure;
import org.vfscope.sys.Process;
import org.vfscope.vfs.Stat;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vfscope rm IMAGE PATH [-r]}. */
@Command(name = "rm",
        description = {
            "Remove a file, symlink or special file from an image; with -r, a directory and everything "
                + "below it. A symlink is removed itself, never what it points to.",
        },
        footer = {ImageCommands.WRITES, ImageCommands.EXIT_STATUS})
final class RmCommand implements Callable<Integer> {

    @Mixin
    private ImageArgument imageArgument;

    @Option(names = {"-r", "-R", "--recursive"}, description = "Remove directories and their contents.")
    private boolean recursive;

    @Parameters(index = "1", paramLabel = "PATH", description = "What to remove.")
    private String path;

    @Override
    public Integer call() {
        String target = ImagePaths.absolute(path);
        if (target.equals("/")) {
            throw new CommandFailure(Cli.EXIT_FAILED, "cannot remove '/': refusing to remove the root directory", null);
        }
        try (ImageSession session = imageArgument.open(ImageSession.Access.MODIFY)) {
            Process p = session.process();
            Stat st = LsCommand.lstat(p, target);
            if (st.isDir() && !recursive) {
                throw new CommandFailure(Cli.EXIT_FAILED, "cannot remove '" + target + "': Is a directory", null);
            }
            remove(p, target, st);
        }
        return 0;
    }

    /** Depth first: a directory's entries, then the directory. */
    private static void remove(Process p, String path, Stat st) {
        try {
            if (st.isDir()) {
                for (String name : Directory.names(p, path)) {
                    String child = ImagePaths.child(path, name);
                    remove(p, child, LsCommand.lstat(p, child));
                }
                p.rmdir(path);
            } else {
                p.unlink(path);
            }
        } catch (CommandFailure f) {
            throw f;
        } catch (RuntimeException e) {
            throw Failures.cannot("remove", path, e);
        }
    }
}
