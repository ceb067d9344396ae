package org.vfscope.app.cli.image;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.OptionalInt;

import org.vfscope.app.cli.Cli;
import org.vfscope.app.cli.CommandFailure;
import org.vfscope.app.image.ImageOpener;
import org.vfscope.app.image.Machine;
import org.vfscope.app.image.PartitionChoiceException;
import org.vfscope.app.image.UnreadableImageException;
import org.vfscope.block.BlockDevices;
import org.vfscope.mm.VmTunables;
import org.vfscope.sys.Process;
import org.vfscope.vfs.Kernel;
import org.vfscope.vfs.SuperBlock;
import org.vfscope.vfs.VfsException;

/**
 * One command's hold on an image: the image opened, its partition chosen and probed, and its
 * filesystem mounted as the root of a fresh kernel, with a root process to make system calls.
 * Reading opens the file read-only (not a byte is written; a journal that needs recovery is
 * replayed into an overlay in memory); modifying opens it read-write and writes everything back
 * when the session closes, and is refused while the journal needs recovery ({@code vfscope recover}).
 */
final class ImageSession implements AutoCloseable {

    /** Whether the command only reads the image or also changes it. */
    enum Access { READ, MODIFY }

    /** The page cache of a command: 16 MiB. */
    static final long COMMAND_CACHE_PAGES = 4096;
    /** The dentries, and the inodes, a command keeps cached at most. */
    static final long COMMAND_CACHE_OBJECTS = 4096;

    private final String image;
    private final Access access;
    private final Machine machine;

    private ImageSession(String image, Access access, Machine machine) {
        this.image = image;
        this.access = access;
        this.machine = machine;
    }

    /**
     * Opens {@code image}; failures become the one-line messages and exit statuses of the CLI. A
     * journal replayed in memory (or that could not be) is told on {@code err}, one line.
     */
    static ImageSession open(Path image, OptionalInt partition, Access access, PrintWriter err) {
        BlockDevices.OpenMode mode = access == Access.READ
                ? BlockDevices.OpenMode.READ_ONLY
                : BlockDevices.OpenMode.READ_WRITE;
        Machine machine;
        try {
            machine = new ImageOpener().open(image, mode, partition);
        } catch (VfsException e) {
            // Only a read-write mount the driver refuses (EROFS) gets here: the image reads fine.
            throw new CommandFailure(Cli.EXIT_FAILED, "cannot modify '" + image + "': " + withoutWhere(e), e);
        } catch (UnreadableImageException e) {
            throw new CommandFailure(Cli.EXIT_UNREADABLE_IMAGE, e.getMessage(), e);
        } catch (PartitionChoiceException e) {
            throw new CommandFailure(Cli.EXIT_ERROR, e.getMessage(), e);
        }
        machine.journal().ifPresent(note -> {
            err.println("vfscope: " + note.message());
            err.flush();
        });
        // Nobody reads the trace ring of a command: its events would only cost time and memory.
        machine.kernel().setTracing(false);
        // A command streams through the cache about once: 16 MiB is plenty (readahead windows are
        // 128 KiB, the dirty thresholds scale with it), and folios that die young cost the
        // collector nothing, where a cache the size of the young generation gets every folio
        // promoted and collected again by full collections.
        VmTunables vm = machine.kernel().tunables();
        vm.set(VmTunables.CACHE_PAGES, Math.min(vm.cachePages(), COMMAND_CACHE_PAGES));
        // The dentry and inode caches likewise: a walk over a big image must not keep every
        // inode it passed, or the process would grow with the image.
        Kernel kernel = machine.kernel();
        kernel.setCacheLimits(Math.min(kernel.maxDentries(), COMMAND_CACHE_OBJECTS),
                Math.min(kernel.maxInodes(), COMMAND_CACHE_OBJECTS));
        SuperBlock sb = machine.rootSuperBlock();
        if (access == Access.MODIFY && sb.isReadOnly()) {
            // Say so before the first change, not as the EROFS of whichever call comes first.
            machine.close();
            String why = sb.readOnlyReason() != null ? sb.readOnlyReason()
                    : "the " + sb.type().name() + " driver mounted it read-only";
            throw new CommandFailure(Cli.EXIT_FAILED, "cannot modify '" + image + "': Read-only file system (" + why + ")", null);
        }
        return new ImageSession(image.toString(), access, machine);
    }

    private static String withoutWhere(VfsException e) {
        String m = e.getMessage();
        return e.where() != null && m.startsWith(e.where() + ": ") ? m.substring(e.where().length() + 2) : m;
    }

    /** The root process: "/" is the root of the image's filesystem. */
    Process process() {
        return machine.process();
    }

    SuperBlock superBlock() {
        return machine.rootSuperBlock();
    }

    /**
     * Writes back everything (sync, then the filesystem shut down as umount would) and closes the
     * image; a failure to write back is an operation that failed.
     */
    @Override
    public void close() {
        try {
            if (access == Access.MODIFY) {
                machine.process().sync();
            }
            machine.close();
        } catch (VfsException e) {
            throw new CommandFailure(Cli.EXIT_FAILED, image + ": cannot write back: " + e.getMessage(), e);
        }
    }
}
