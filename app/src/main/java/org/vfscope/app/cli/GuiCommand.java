package org.vfscope.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code vfscope gui [IMAGE]}: opens the workbench window and returns when it is closed. */
@Command(name = "gui", description = "Open the workbench, on IMAGE if given.")
final class GuiCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(GuiCommand.class);

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    @SuppressWarnings("unused")
    private boolean help;

    @Parameters(arity = "0..1", paramLabel = "IMAGE", description = "A filesystem or disk image file.")
    private Path image;

    private final Host host;

    GuiCommand(Host host) {
        this.host = host;
    }

    @Override
    public Integer call() {
        if (image != null && !Files.exists(image)) {
            throw new ParameterException(spec.commandLine(), "no such file: " + image);
        }
        if (image != null && Files.isDirectory(image)) {
            throw new ParameterException(spec.commandLine(), "is a directory, not an image: " + image);
        }
        if (!host.displayAvailable()) {
            throw new IllegalStateException(Host.NO_DISPLAY);
        }
        Optional<Path> opened = Optional.ofNullable(image).map(Path::toAbsolutePath);
        LOG.debug("opening the workbench on {}", opened.map(Path::toString).orElse("no image"));
        host.workbench().open(opened);
        return 0;
    }
}
