package org.vfscope.app.cli.image;

import java.util.concurrent.Callable;

import org.vfscope.sys.Process;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vfscope ln IMAGE TARGET LINK [-s]}: link(2) or symlink(2), into LINK when it is a directory. */
@Command(name = "ln",
        description = {
            "Make a hard link to TARGET named LINK in an image; with -s, a symbolic link whose target "
                + "is TARGET, as written (it need not exist). When LINK is a directory, the link goes into it"
                + " under TARGET's name.",
        },
        footer = {ImageCommands.WRITES, ImageCommands.EXIT_STATUS})
final class LnCommand implements Callable<Integer> {

    @Mixin
    private ImageArgument imageArgument;

    @Option(names = {"-s", "--symbolic"}, description = "Make a symbolic link instead of a hard link.")
    private boolean symbolic;

    @Parameters(index = "1", paramLabel = "TARGET", description = "The file to link to (for -s: the symlink's text).")
    private String target;

    @Parameters(index = "2", paramLabel = "LINK", description = "The new name, or a directory to make it in.")
    private String link;

    @Override
    public Integer call() {
        try (ImageSession session = imageArgument.open(ImageSession.Access.MODIFY)) {
            Process p = session.process();
            String name = MvCommand.intoDirectory(p, ImagePaths.absolute(link), target);
            try {
                if (symbolic) {
                    p.symlink(target, name);
                } else {
                    p.link(ImagePaths.absolute(target), name);
                }
            } catch (RuntimeException e) {
                throw Failures.cannot(symbolic ? "create symbolic link" : "create hard link", name, e);
            }
        }
        return 0;
    }
}
