package org.vfscope.app.cli.image;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.vfscope.app.cli.Cli;
import org.vfscope.app.cli.CommandFailure;
import org.vfscope.app.cli.PartitionOption;
import org.vfscope.app.image.Disk;
import org.vfscope.app.image.Drivers;
import org.vfscope.app.image.ImageOpener;
import org.vfscope.app.image.UnreadableImageException;
import org.vfscope.app.image.Volume;
import org.vfscope.block.BlockDevices;
import org.vfscope.block.InstrumentedDevice;
import org.vfscope.fs.Mkfs;
import org.vfscope.vfs.KernelClock;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vfscope mkfs IMAGE --type ext4 --size 64M}: a new, empty filesystem (ext2 or ext4) in an image file. */
@Command(name = "mkfs",
        description = {
            "Make a new, empty filesystem filling an image file, as mkfs.TYPE does.",
            "",
            "The file is created (sparse) or resized to --size; without --size an existing file keeps "
                + "its size. A file that already holds a filesystem or a partition table is only overwritten "
                + "with --force.",
        },
        footer = ImageCommands.EXIT_STATUS)
final class MkfsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    @SuppressWarnings("unused")
    private boolean help;

    @Option(names = {"-t", "--type"}, required = true, paramLabel = "TYPE", description = "The filesystem type: ext2 or ext4.")
    private String type;

    @Option(names = "--size", paramLabel = "SIZE", description = "Size of the image: 64M, 1G, 512K or bytes.")
    private String size;

    @Option(names = {"-L", "--label"}, paramLabel = "LABEL", description = "The volume label.")
    private String label = "";

    @Option(names = {"-F", "--force"}, description = "Overwrite a file that holds a filesystem or partition table.")
    private boolean force;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image file to create or overwrite.")
    private Path image;

    @Override
    public Integer call() {
        if (PartitionOption.of(spec).isPresent()) {
            throw new ParameterException(spec.commandLine(), "mkfs makes a filesystem on the whole image; --partition is not supported");
        }
        Long bytes = parseSize();
        Drivers.load();
        Mkfs.Formatter formatter = Mkfs.forType(type).orElseThrow(() -> new CommandFailure(Cli.EXIT_FAILED,
                "mkfs for " + type + " is not available in this build"
                        + (Mkfs.types().isEmpty() ? "" : " (available: " + String.join(", ", Mkfs.types()) + ")"), null));
        if (bytes == null && !isNonEmptyFile()) {
            throw new ParameterException(spec.commandLine(), "give --size for a new image (" + image + " does not exist or is empty)");
        }
        if (!force) {
            refuseToOverwrite();
        }
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            if (bytes != null) {
                file.setLength(bytes);
            }
        } catch (IOException e) {
            throw Failures.cannot("create", image.toString(), e);
        }
        try (InstrumentedDevice device = BlockDevices.openImage(image, BlockDevices.OpenMode.READ_WRITE, new KernelClock.Manual(Instant.now()))) {
            formatter.format(device, new Mkfs.Options(Instant.now(), label, 0));
            device.flush();
        } catch (RuntimeException e) {
            throw Failures.cannot("make " + type + " on", image.toString(), e);
        }
        return 0;
    }

    private Long parseSize() {
        if (size == null) {
            return null;
        }
        try {
            return SizeArgument.parse(size);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--size: " + e.getMessage());
        }
    }

    private boolean isNonEmptyFile() {
        try {
            return Files.isRegularFile(image) && Files.size(image) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** What blkid would find there: a filesystem or a partition table is kept unless --force. */
    private void refuseToOverwrite() {
        if (!isNonEmptyFile()) {
            return;
        }
        try (Disk disk = new ImageOpener().openDisk(image, BlockDevices.OpenMode.READ_ONLY)) {
            Optional<String> what = disk.table().map(t -> "a " + t.scheme() + " partition table")
                    .or(() -> disk.filesystems().stream().findFirst().flatMap(Volume::type)
                            .map(t -> ("aeiou".indexOf(t.charAt(0)) >= 0 ? "an " : "a ") + t + " filesystem"));
            if (what.isPresent()) {
                throw new CommandFailure(Cli.EXIT_FAILED, image + " already holds " + what.get()
                        + "; use --force to overwrite it", null);
            }
        } catch (UnreadableImageException e) {
            throw new CommandFailure(Cli.EXIT_UNREADABLE_IMAGE, e.getMessage(), e);
        }
    }
}
