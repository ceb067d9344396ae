package org.vfscope.app.cli.image;

import java.util.concurrent.Callable;

import org.vfscope.sys.Process;
import org.vfscope.vfs.VfsException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code vfscope mv IMAGE SRC DST}: rename(2), into DST when it is a directory, as mv(1) does. */
@Command(name = "mv",
        description = {
            "Move or rename a file or directory within an image. When DST is a directory, SRC moves "
                + "into it; otherwise SRC is renamed to DST, replacing a file there.",
        },
        footer = {ImageCommands.WRITES, ImageCommands.EXIT_STATUS})
final class MvCommand implements Callable<Integer> {

    @Mixin
    private ImageArgument imageArgument;

    @Parameters(index = "1", paramLabel = "SRC", description = "What to move.")
    private String source;

    @Parameters(index = "2", paramLabel = "DST", description = "The new name, or a directory to move it into.")
    private String dest;

    @Override
    public Integer call() {
        String from = ImagePaths.absolute(source);
        try (ImageSession session = imageArgument.open(ImageSession.Access.MODIFY)) {
            Process p = session.process();
            LsCommand.lstat(p, from);
            String to = intoDirectory(p, ImagePaths.absolute(dest), from);
            try {
                p.rename(from, to);
            } catch (RuntimeException e) {
                throw Failures.cannot("move '" + from + "' to", to, e);
            }
        }
        return 0;
    }

    /** {@code dest}/NAME when {@code dest} is a directory (following a symlink), else {@code dest}. */
    static String intoDirectory(Process p, String dest, String source) {
        try {
            if (p.stat(dest).isDir()) {
                return ImagePaths.child(dest, ImagePaths.name(source));
            }
        } catch (VfsException e) {
            // not there (or not reachable): it is the new name, and rename(2) says what is wrong with it
        }
        return dest;
    }
}
