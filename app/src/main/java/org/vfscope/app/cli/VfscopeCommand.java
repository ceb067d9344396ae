package org.vfscope.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code vfscope}: with no subcommand, opens the workbench on the demo image; without a display, says so in one line. */
@Command(
        name = "vfscope",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Explore filesystem images (ext2/3/4, FAT, ISO 9660, partitioned disks)",
            "through a VFS engine modelled on Linux, and watch its caches at work.",
            "",
            "With no command: opens the workbench on the demo image (a display is",
            "needed; without one, it says so in one line and exits with status 1).",
        },
        subcommands = HelpCommand.class)
final class VfscopeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    private final Host host;

    // Read by Cli from the parse result (it may be given after a subcommand); declared for --help.
    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Log at DEBUG level to stderr and print stack traces of errors.")
    @SuppressWarnings("unused")
    private boolean debug;

    private Integer partition;

    @Option(names = PartitionOption.NAME, scope = ScopeType.INHERIT, paramLabel = "N",
            description = "Use partition N (from 1, as sdaN) of a disk image; needed when it has several filesystems.")
    private void setPartition(int n) {
        if (n < 1) {
            throw new ParameterException(spec.commandLine(), "--partition must be 1 or more (partitions are numbered from 1), not " + n);
        }
        partition = n;
    }

    VfscopeCommand(Host host) {
        this.host = host;
    }

    @Override
    public Integer call() {
        if (!host.displayAvailable()) {
            throw new IllegalStateException(Host.NO_DISPLAY);
        }
        Path demo = host.demoImage();
        host.workbench().open(Files.isRegularFile(demo) ? Optional.of(demo) : Optional.empty());
        return 0;
    }
}
