package org.vfscope.app.cli.image;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.vfscope.app.cli.Cli;
import org.vfscope.app.cli.CommandFailure;
import org.vfscope.app.image.Disk;
import org.vfscope.app.image.ImageOpener;
import org.vfscope.app.image.PartitionChoiceException;
import org.vfscope.app.image.UnreadableImageException;
import org.vfscope.app.image.Volume;
import org.vfscope.block.BlockDevices;
import org.vfscope.block.CowOverlay;
import org.vfscope.fs.ext.ExtJournalReplay;
import org.vfscope.fs.jbd2.RecoveryResult;
import org.vfscope.vfs.VfsException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code vfscope recover IMAGE}: replays an ext3/ext4 journal that needs recovery and writes the
 * result into the image, as {@code e2fsck -E journal_only} does. The replay is made in an overlay
 * first and written only when it is complete, so a journal that cannot be replayed leaves the
 * file untouched.
 */
@Command(name = "recover",
        description = {"Replay the journal of an ext3/ext4 image that needs recovery and write the result into the "
                + "image (as the kernel does at mount, or e2fsck -E journal_only).",
                "Reading commands (ls, cat, get, stat...) already show such an image replayed, in memory only; "
                        + "writing commands (put, mkdir, rm...) refuse it until it is recovered."},
        footer = {"%nThe image is changed in place, only if the replay succeeds. A journal that needs no recovery "
                + "leaves the image untouched (exit status 0). External journal devices are not supported.",
                ImageCommands.EXIT_STATUS})
final class RecoverCommand implements Callable<Integer> {

    @Mixin
    private ImageArgument imageArgument;

    @Override
    public Integer call() {
        String image = imageArgument.image().toString();
        PrintWriter out = imageArgument.commandLine().getOut();
        try (Disk disk = new ImageOpener().openDisk(imageArgument.image(), BlockDevices.OpenMode.COPY_ON_WRITE)) {
            Volume volume = disk.choose(imageArgument.partition());
            String name = volume.nameOn(image);
            if (!volume.type().orElse("").startsWith("ext") || !ExtJournalReplay.needsRecovery(volume.device())) {
                out.println(name + ": the journal needs no recovery; nothing written");
                return 0;
            }
            RecoveryResult r;
            try {
                r = ExtJournalReplay.replay(volume.device());
            } catch (VfsException e) {
                throw new CommandFailure(Cli.EXIT_FAILED, "cannot recover '" + name + "': " + e.getMessage()
                        + "; the image is unchanged", e);
            }
            CowOverlay overlay = BlockDevices.overlayOf(volume.device()).orElseThrow();
            try {
                overlay.commit();
            } catch (VfsException e) {
                throw new CommandFailure(Cli.EXIT_FAILED, "cannot write the replayed journal into '" + image + "': "
                        + e.getMessage(), e);
            }
            out.println(name + ": journal replayed and written to the image (" + r.transactions() + " transaction"
                    + (r.transactions() == 1 ? "" : "s") + ", " + r.blocksReplayed() + " block"
                    + (r.blocksReplayed() == 1 ? "" : "s") + ")");
            if (ExtJournalReplay.hasOrphans(volume.device())) {
                imageArgument.commandLine().getErr().println("vfscope: " + name + ": the filesystem still lists orphan inodes "
                        + "(files deleted or truncated while open) that vfscope could not release; e2fsck -fy or the "
                        + "next read-write mount by the kernel releases them, and e2fsck -n reports them until then");
            }
            if (!r.clean()) {
                PrintWriter err = imageArgument.commandLine().getErr();
                r.problems().forEach(p -> err.println("vfscope: " + name + ": " + p));
                if (r.failedCommit()) {
                    err.println("vfscope: " + name + ": a corrupt commit block ended the log early");
                }
                err.println("vfscope: " + name + ": the filesystem is marked for checking; run e2fsck -f on it");
                return Cli.EXIT_FAILED;
            }
            return 0;
        } catch (UnreadableImageException e) {
            throw new CommandFailure(Cli.EXIT_UNREADABLE_IMAGE, e.getMessage(), e);
        } catch (PartitionChoiceException e) {
            throw new CommandFailure(Cli.EXIT_ERROR, e.getMessage(), e);
        }
    }
}
