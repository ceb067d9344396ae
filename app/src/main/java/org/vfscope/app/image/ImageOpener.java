package org.vfscope.app.image;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vfscope.block.BlockDevices;
import org.vfscope.block.CowOverlay;
import org.vfscope.block.InstrumentedDevice;
import org.vfscope.block.PartitionView;
import org.vfscope.fs.ext.ExtJournalReplay;
import org.vfscope.fs.jbd2.RecoveryResult;
import org.vfscope.vfs.MountFlags;
import org.vfscope.vfs.SuperBlock;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.Kernel;
import org.vfscope.vfs.KernelClock;
import org.vfscope.vfs.VfsException;

/**
 * Boots a machine on an image file: open the file, find its partitions, probe them, and mount the
 * chosen filesystem as the root of a fresh kernel. The one place where filesystem drivers for
 * images plug in; the scenario runner and the image commands both come through here. An ext3/ext4
 * journal that needs recovery is replayed here, into a copy-on-write overlay, never into the file.
 */
public final class ImageOpener {
    private static final Logger LOG = LoggerFactory.getLogger(ImageOpener.class);

    /**
     * A scenario's machine: the image's one filesystem (or partition {@code partition}), through a
     * copy-on-write overlay, so that whatever the scenario writes is dropped at the end.
     */
    public Machine open(Path image, OptionalInt partition) throws UnreadableImageException, PartitionChoiceException {
        return open(image, BlockDevices.OpenMode.COPY_ON_WRITE, partition);
    }

    /**
     * Opens {@code image} in {@code mode} and mounts its chosen filesystem as the root, read-only
     * when the mode is. Closing the machine closes the image. Messages start with the image's name
     * as given. A read-write mount the driver refuses with EROFS is thrown as that VfsException.
     */
    public Machine open(Path image, BlockDevices.OpenMode mode, OptionalInt partition)
            throws UnreadableImageException, PartitionChoiceException {
        Disk disk = openDisk(image, mode);
        try {
            Volume volume = disk.choose(partition);
            return mount(disk, volume, mode != BlockDevices.OpenMode.READ_ONLY, disk::close);
        } catch (UnreadableImageException | PartitionChoiceException | RuntimeException e) {
            disk.close();
            throw e;
        }
    }

    /** Opens {@code image} without mounting anything: its partitions and what each holds. */
    public Disk openDisk(Path image, BlockDevices.OpenMode mode) throws UnreadableImageException {
        return Disk.open(image, mode, Machine.newClock());
    }

    /** Mounts one volume of {@code disk} read-only; closing the machine leaves the disk open. */
    public Machine mountReadOnly(Disk disk, Volume volume) throws UnreadableImageException {
        return mount(disk, volume, false, () -> { });
    }

    private Machine mount(Disk disk, Volume volume, boolean writable, Runnable release) throws UnreadableImageException {
        String type = volume.type().orElseThrow();
        KernelClock.Manual clock = disk.clock();
        InstrumentedDevice device = volume.device();
        Runnable close = release;
        CowOverlay ownOverlay = null;
        Optional<JournalNote> journal = Optional.empty();
        boolean replayPending = false;
        if (type.startsWith("ext") && ExtJournalReplay.needsRecovery(device)) {
            Replay replay = replayJournal(disk, volume, writable);
            device = replay.device();
            journal = Optional.of(replay.note());
            replayPending = writable && replay.note().replayed().isPresent();
            ownOverlay = replay.own();
            if (ownOverlay != null) {
                CowOverlay own = ownOverlay;
                close = () -> {
                    own.close();
                    release.run();
                };
            }
        }
        Kernel kernel = Drivers.bootWithoutRoot(clock);
        String source = device.name();
        try {
            kernel.addBlockDevice(source, device);
            kernel.mountRoot(type, source, writable ? "rw" : "ro");
        } catch (VfsException e) {
            if (ownOverlay != null) {
                ownOverlay.close();
            }
            if (writable && e.errno() == Errno.EROFS) {
                throw e; // readable, but not writable (e.g. a journal to replay first): the caller says so
            }
            throw new UnreadableImageException(volume.nameOn(disk.name()) + ": cannot mount " + type + ": "
                    + e.getMessage(), e);
        }
        SuperBlock sb = kernel.namespace().root().sb();
        boolean heldReadOnly = replayPending && !sb.isReadOnly();
        if (heldReadOnly) {
            sb.setFlags(sb.flags() | MountFlags.RDONLY);
            sb.setReadOnlyReason(PENDING_REPLAY);
        }
        return Machine.onImage(clock, kernel, device, close, journal, replayPending, heldReadOnly);
    }

    /** Why a filesystem whose journal was replayed into the overlay cannot be written yet. */
    public static final String PENDING_REPLAY = "its journal was replayed into the overlay only; commit the overlay "
            + "(Image > Commit to Image) to write the replay into the file, then edit";

    /** The device to mount after replaying, the note for the user, and the overlay made for it (or null). */
    private record Replay(InstrumentedDevice device, JournalNote note, CowOverlay own) {
    }

    /**
     * Replays the journal of an ext volume that needs recovery into a copy-on-write overlay: the
     * image's own (copy-on-write mode) or one made here and dropped when the machine closes (read-only
     * mode). Never into the file itself: a read-write open is refused (EROFS) with the way out.
     * A journal that cannot be replayed leaves the image as it is on disk, and the note says why.
     */
    private static Replay replayJournal(Disk disk, Volume volume, boolean writable) {
        String name = volume.nameOn(disk.name());
        InstrumentedDevice device = volume.device();
        Optional<CowOverlay> overlay = BlockDevices.overlayOf(device);
        if (overlay.isEmpty() && writable) {
            String partition = volume.partition().map(p -> " --partition " + p.number()).orElse("");
            throw new VfsException(Errno.EROFS, name, "the journal needs recovery: write its replay into the image "
                    + "first with 'vfscope recover " + disk.name() + partition + "'; reading commands show the image "
                    + "replayed, in memory only");
        }
        CowOverlay own = null;
        InstrumentedDevice target = device;
        if (overlay.isEmpty()) {
            own = new CowOverlay(new PartitionView(device, 0, device.size(), device.name()));
            target = new InstrumentedDevice(own, disk.clock());
        }
        boolean wasClean = overlay.map(o -> !o.isDirty()).orElse(true);
        try {
            RecoveryResult r = ExtJournalReplay.replay(target);
            LOG.info("{}: journal replayed into the overlay: transactions {} to {}, {} blocks, {} revoked", name,
                    Integer.toUnsignedString(r.startTransaction()), Integer.toUnsignedString(r.endTransaction()),
                    r.blocksReplayed(), r.revokeHits());
            return new Replay(target, JournalNote.replayed(name, r), own);
        } catch (VfsException e) {
            LOG.debug("{}: journal not replayed", name, e); // the user gets the note's one line
            if (own != null) {
                own.close();
            } else if (wasClean) {
                overlay.get().discard(); // whatever part of the replay was written goes
            }
            return new Replay(device, JournalNote.failed(name, e.getMessage()), null);
        }
    }
}
