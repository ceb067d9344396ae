package org.vfscope.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The command lines that only ask for the window ({@code vfscope}, {@code vfscope gui},
 * {@code vfscope gui IMAGE}), recognised without picocli: building its model by reflection costs
 * a few hundred milliseconds of the workbench's startup. Anything else, including every error
 * (a missing image, an option), goes to picocli, which says what is wrong.
 *
 * @param image the image to open, or empty for the welcome screen
 */
record DirectGui(Optional<Path> image) {

    /** The window to open for {@code args}, or empty when picocli must parse them. */
    static Optional<DirectGui> of(String[] args, Path demoImage) {
        if (args.length == 0) {
            return Optional.of(new DirectGui(Files.isRegularFile(demoImage) ? Optional.of(demoImage) : Optional.empty()));
        }
        if (!args[0].equals("gui")) {
            return Optional.empty();
        }
        if (args.length == 1) {
            return Optional.of(new DirectGui(Optional.empty()));
        }
        if (args.length == 2 && !args[1].startsWith("-") && Files.isRegularFile(Path.of(args[1]))) {
            return Optional.of(new DirectGui(Optional.of(Path.of(args[1]).toAbsolutePath())));
        }
        return Optional.empty();
    }
}
