package org.vfscope.app.workbench.image;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.LongConsumer;

import org.vfscope.app.image.Disk;
import org.vfscope.app.image.ImageOpener;
import org.vfscope.app.image.Machine;
import org.vfscope.app.image.PartitionChoiceException;
import org.vfscope.app.image.Sizes;
import org.vfscope.app.image.UnreadableImageException;
import org.vfscope.app.image.Volume;
import org.vfscope.block.BlockDevices;
import org.vfscope.block.CowOverlay;

/**
 * An image open in the workbench: its volumes, and for each one the workbench has looked into, a
 * machine mounted on it through a copy-on-write overlay (the file itself is opened read-only).
 * Editing is switched on explicitly and holds the image's {@link ImageLock}; commit, discard and
 * save-as end it. Not thread-confined: called from background tasks, never from the FX thread.
 */
public final class ImageWorkspace implements AutoCloseable {
    private final Optional<Path> image;
    private final String name;
    private final List<VolumeEntry> volumes;
    private final Map<Integer, Machine> machines = new LinkedHashMap<>();
    private ImageLock lock;
    private volatile ImageMode mode = ImageMode.READ_ONLY;

    private ImageWorkspace(Optional<Path> image, String name, List<VolumeEntry> volumes) {
        this.image = image;
        this.name = name;
        this.volumes = List.copyOf(volumes);
    }

    /** Reads the partition table of {@code image} and probes each volume; mounts nothing yet. */
    public static ImageWorkspace open(Path image) throws UnreadableImageException {
        List<VolumeEntry> entries = new ArrayList<>();
        try (Disk disk = new ImageOpener().openDisk(image, BlockDevices.OpenMode.READ_ONLY)) {
            int i = 0;
            for (Volume v : disk.volumes()) {
                OptionalInt part = v.partition().map(p -> OptionalInt.of(p.number())).orElse(OptionalInt.empty());
                entries.add(new VolumeEntry(i++, part, v.type(), v.describe()));
            }
        }
        return new ImageWorkspace(Optional.of(image.toAbsolutePath()), image.getFileName().toString(), entries);
    }

    /** A scratch ramfs, always writable: for trying edits, and for demos without an image. */
    public static ImageWorkspace ramfs(String name) {
        ImageWorkspace w = new ImageWorkspace(Optional.empty(), name,
                List.of(new VolumeEntry(0, OptionalInt.empty(), Optional.of("ramfs"), "ramfs (in memory)")));
        w.machines.put(0, Machine.ramfs());
        w.mode = ImageMode.OVERLAY;
        return w;
    }

    public Optional<Path> image() {
        return image;
    }

    public String name() {
        return name;
    }

    public List<VolumeEntry> volumes() {
        return volumes;
    }

    public ImageMode mode() {
        return mode;
    }

    public boolean isScratch() {
        return image.isEmpty();
    }

    /** The machine mounted on volume {@code index}, mounting it on first use. */
    public synchronized Machine machine(int index) throws UnreadableImageException, PartitionChoiceException {
        Machine m = machines.get(index);
        if (m == null) {
            VolumeEntry v = volumes.get(index);
            m = new ImageOpener().open(image.orElseThrow(), BlockDevices.OpenMode.COPY_ON_WRITE, v.partition());
            machines.put(index, m);
        }
        return m;
    }

    /** The first volume with a filesystem: where the cache views and the demo panel look. */
    public OptionalInt primaryVolume() {
        return volumes.stream().filter(VolumeEntry::hasFilesystem).mapToInt(VolumeEntry::index).findFirst();
    }

    /** Whether the driver of volume {@code index} can write (ext2, ext3 and ext4 with mke2fs' default features can). */
    public boolean canWrite(int index) throws UnreadableImageException, PartitionChoiceException {
        Machine m = machine(index);
        return !m.rootSuperBlock().isReadOnly() || m.replayPending(); // writable once the replay is committed
    }

    /** Switches editing on: takes the image's lock so that a second VFScope cannot write it too. */
    public synchronized void enableEditing(Path lockDir) throws ImageLockedException, IOException {
        if (mode != ImageMode.READ_ONLY) {
            return;
        }
        if (image.isPresent()) {
            lock = ImageLock.acquire(image.get(), lockDir);
        }
        mode = ImageMode.OVERLAY;
    }

    /** Bytes the overlays hold that differ from the file, after writing back what the caches hold. */
    public synchronized long pendingBytes() {
        long sum = 0;
        for (Machine m : machines.values()) {
            m.process().sync();
            sum += overlay(m).map(CowOverlay::dirtyBytes).orElse(0L);
        }
        return sum;
    }

    /** What "Commit to image" will write, in words, for its confirmation. */
    public synchronized String commitSummary() {
        long bytes = pendingBytes();
        return Sizes.human(bytes) + " of changed blocks will be written into " + image.map(Path::toString).orElse(name)
                + ". The file cannot be restored afterwards.";
    }

    /** Writes back, then writes every overlay's changed chunks into the image file. */
    public synchronized void commit() {
        if (image.isEmpty()) {
            return;
        }
        mode = ImageMode.WRITING;
        try {
            for (Machine m : machines.values()) {
                m.process().sync();
                overlay(m).ifPresent(CowOverlay::commit);
                m.replayCommitted(); // a journal replayed into the overlay is in the file now
            }
        } finally {
            mode = ImageMode.OVERLAY;
        }
    }

    /**
     * Drops every change: the machines are shut down without committing (their caches hold the
     * changes too, so they cannot live on) and mount again, fresh, on next use.
     */
    public synchronized void discard() {
        if (image.isEmpty()) {
            return;
        }
        for (Machine m : machines.values()) {
            overlay(m).ifPresent(CowOverlay::discard);
            closeQuietly(m);
        }
        machines.clear();
    }

    /** Writes the image with every change into {@code target}; the original stays as it was. */
    public synchronized void saveAs(Path target, LongConsumer progress) {
        List<Machine> edited = new ArrayList<>(machines.values());
        if (edited.isEmpty()) {
            throw new IllegalStateException("nothing is open to save");
        }
        if (edited.size() > 1) {
            throw new IllegalStateException("save as works on one edited partition at a time; commit or discard the others");
        }
        Machine m = edited.get(0);
        m.process().sync();
        overlay(m).orElseThrow(() -> new IllegalStateException("a scratch ramfs has no image to save"))
                .saveAs(target, progress);
    }

    /** Gives the lock back; the overlay stays (read-only again, until discarded). */
    public synchronized void disableEditing() throws IOException {
        if (lock != null) {
            lock.close();
            lock = null;
        }
        if (image.isPresent()) {
            mode = ImageMode.READ_ONLY;
        }
    }

    private static Optional<CowOverlay> overlay(Machine m) {
        return m.device().flatMap(BlockDevices::overlayOf);
    }

    private static void closeQuietly(Machine m) {
        try {
            m.close();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(ImageWorkspace.class).debug("closing a machine failed", e);
        }
    }

    @Override
    public synchronized void close() {
        for (Machine m : machines.values()) {
            closeQuietly(m);
        }
        machines.clear();
        try {
            disableEditing();
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(ImageWorkspace.class).debug("releasing the image lock failed", e);
        }
    }
}
