package org.vfscope.app.cli.image;

import java.util.concurrent.Callable;


import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code vfscope chmod IMAGE MODE PATH}: chmod(2) with an octal mode. */
@Command(name = "chmod",
        description = "Change the mode of a file in an image (a symlink's target, as chmod(1) does).",
        footer = {ImageCommands.WRITES, ImageCommands.EXIT_STATUS})
final class ChmodCommand implements Callable<Integer> {

    @Mixin
    private ImageArgument imageArgument;

    @Parameters(index = "1", paramLabel = "MODE", description = "Octal, 1 to 4 digits: 644, 0755, 4755, 1777.")
    private String mode;

    @Parameters(index = "2", paramLabel = "PATH", description = "The file in the image.")
    private String path;

    @Override
    public Integer call() {
        int bits = parseOctal(mode);
        String file = ImagePaths.absolute(path);
        try (ImageSession session = imageArgument.open(ImageSession.Access.MODIFY)) {
            try {
                session.process().chmod(file, bits);
            } catch (RuntimeException e) {
                throw Failures.cannot("change mode of", file, e);
            }
        }
        return 0;
    }

    private int parseOctal(String text) {
        if (!text.matches("[0-7]{1,4}")) {
            throw new ParameterException(imageArgument.commandLine(), "MODE must be octal, 1 to 4 digits (e.g. 644 or 4755), not '" + text + "'");
        }
        return Integer.parseInt(text, 8);
    }
}
