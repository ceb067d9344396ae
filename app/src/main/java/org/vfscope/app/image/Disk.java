package org.vfscope.app.image;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

import org.vfscope.block.BlockDevices;
import org.vfscope.block.InstrumentedDevice;
import org.vfscope.block.partition.Partition;
import org.vfscope.block.partition.PartitionTable;
import org.vfscope.block.partition.PartitionTables;
import org.vfscope.fs.FsProbe;
import org.vfscope.vfs.KernelClock;
import org.vfscope.vfs.VfsException;

/**
 * An opened image file, as blkid and lsblk see it: its partition table, if any, and the volumes
 * that may hold a filesystem, each probed for one. Closing it closes the image.
 */
public final class Disk implements AutoCloseable {
    /** The friendly type name of an MBR extended partition: a container of logical ones, never a filesystem. */
    private static final String EXTENDED = "Extended";

    private final String name;
    private final KernelClock.Manual clock;
    private final InstrumentedDevice device;
    private final Optional<PartitionTable> table;
    private final List<Volume> volumes;

    private Disk(String name, KernelClock.Manual clock, InstrumentedDevice device, Optional<PartitionTable> table,
                 List<Volume> volumes) {
        this.name = name;
        this.clock = clock;
        this.device = device;
        this.table = table;
        this.volumes = volumes;
    }

    /** Opens {@code image} in {@code mode}, reads its partition table and probes each volume. */
    static Disk open(Path image, BlockDevices.OpenMode mode, KernelClock.Manual clock) throws UnreadableImageException {
        String name = image.toString();
        Drivers.load();
        InstrumentedDevice device;
        try {
            device = BlockDevices.openImage(image, mode, clock);
        } catch (VfsException e) {
            throw new UnreadableImageException(name + ": " + e.errno().message(), e);
        }
        try {
            Optional<PartitionTable> table = PartitionTables.read(device);
            List<Volume> volumes = new ArrayList<>();
            if (table.isEmpty()) {
                volumes.add(new Volume(Optional.empty(), device, FsProbe.identify(device)));
            } else {
                for (Partition p : table.get().partitions()) {
                    if (!p.type().equals(EXTENDED)) {
                        InstrumentedDevice part = new InstrumentedDevice(p.open(device), clock);
                        volumes.add(new Volume(Optional.of(p), part, FsProbe.identify(part)));
                    }
                }
            }
            return new Disk(name, clock, device, table, List.copyOf(volumes));
        } catch (VfsException e) {
            device.close();
            throw new UnreadableImageException(name + ": cannot read the partition table: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            device.close();
            throw e;
        }
    }

    /** The image as the user named it. */
    public String name() {
        return name;
    }

    KernelClock.Manual clock() {
        return clock;
    }

    public long size() {
        return device.size();
    }

    public Optional<PartitionTable> table() {
        return table;
    }

    /** Every partition that may hold a filesystem (extended ones left out), or the whole image. */
    public List<Volume> volumes() {
        return volumes;
    }

    /** The volumes a driver recognised. */
    public List<Volume> filesystems() {
        return volumes.stream().filter(v -> v.type().isPresent()).toList();
    }

    /**
     * The volume a command works on: partition {@code number} if given, else the one filesystem
     * of the image. UnreadableImageException when it holds no recognised filesystem;
     * PartitionChoiceException when {@code --partition} is needed or names no usable partition.
     */
    public Volume choose(OptionalInt number) throws UnreadableImageException, PartitionChoiceException {
        if (number.isPresent()) {
            return partition(number.getAsInt());
        }
        List<Volume> filesystems = filesystems();
        if (filesystems.size() == 1) {
            return filesystems.get(0);
        }
        if (filesystems.isEmpty()) {
            throw new UnreadableImageException(name + ": no recognised filesystem" + table.map(t -> " on any of its "
                    + volumes.size() + " partitions (" + t.scheme() + " partition table)").orElse(""));
        }
        throw new PartitionChoiceException(name + " has " + filesystems.size() + " filesystems: "
                + filesystems.stream().map(Volume::describe).collect(Collectors.joining(", "))
                + "; choose one with --partition N");
    }

    private Volume partition(int number) throws UnreadableImageException, PartitionChoiceException {
        if (table.isEmpty()) {
            throw new PartitionChoiceException(name + " has no partition table; leave out --partition");
        }
        for (Partition p : table.get().partitions()) {
            if (p.number() == number && p.type().equals(EXTENDED)) {
                throw new PartitionChoiceException("partition " + number + " of " + name
                        + " is an extended partition, a container of others with no filesystem of its own");
            }
        }
        Volume volume = volumes.stream().filter(v -> v.partition().orElseThrow().number() == number).findFirst()
                .orElseThrow(() -> new PartitionChoiceException(name + " has no partition " + number
                        + " (its partitions: " + volumes.stream().map(v -> Integer.toString(v.partition().orElseThrow().number()))
                        .collect(Collectors.joining(", ")) + ")"));
        if (volume.type().isEmpty()) {
            throw new UnreadableImageException(volume.nameOn(name) + ": no recognised filesystem (partition type "
                    + volume.partition().orElseThrow().type() + ")");
        }
        return volume;
    }

    /** Closes the partitions' windows, then the image. */
    @Override
    public void close() {
        try {
            for (Volume v : volumes) {
                if (v.device() != device) {
                    v.device().close();
                }
            }
        } finally {
            device.close();
        }
    }
}
