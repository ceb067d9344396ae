package org.vfscope.app.cli.image;

import java.nio.file.Path;
import java.util.OptionalInt;
import org.vfscope.app.cli.PartitionOption;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * What every image command shares, mixed into each: the IMAGE argument, {@code --help}, the
 * inherited {@code --partition}, and opening the session on the chosen filesystem.
 */
final class ImageArgument {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    @SuppressWarnings("unused")
    private boolean help;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image file.")
    private Path image;

    Path image() {
        return image;
    }

    /** The {@code --partition} the user gave, if any. */
    OptionalInt partition() {
        return PartitionOption.of(command);
    }

    /** The command's picocli view, for usage errors and its error stream. */
    CommandLine commandLine() {
        return command.commandLine();
    }

    ImageSession open(ImageSession.Access access) {
        return ImageSession.open(image, partition(), access, commandLine().getErr());
    }
}
