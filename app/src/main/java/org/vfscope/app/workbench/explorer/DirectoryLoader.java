package org.vfscope.app.workbench.explorer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.vfscope.app.workbench.task.BackgroundTask;
import org.vfscope.sys.Process;
import org.vfscope.vfs.DirEntry;
import org.vfscope.vfs.OpenFlags;

/**
 * Reads a directory through getdents, in batches, checking for cancellation between them, and
 * sorts it the way an IDE shows it: directories first, then by name.
 */
public final class DirectoryLoader {
    /** Entries per getdents call. */
    static final int DIRENTS_PER_CALL = 1024;

    /** Directories first, then names in byte order (the C locale). */
    public static final Comparator<FsNode> ORDER = Comparator
            .comparing((FsNode n) -> n.kind() != FsNode.Kind.DIRECTORY)
            .thenComparing(FsNode::name, DirectoryLoader::compareBytes);

    private DirectoryLoader() {
    }

    public static List<FsNode> read(Process p, FsNode dir, BackgroundTask.Progress progress) throws InterruptedException {
        int fd = p.open(dir.path(), OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY);
        List<FsNode> out = new ArrayList<>();
        try {
            for (List<DirEntry> batch = p.getdents(fd, DIRENTS_PER_CALL); !batch.isEmpty();
                    batch = p.getdents(fd, DIRENTS_PER_CALL)) {
                if (progress.isCancelled() || Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("cancelled");
                }
                for (DirEntry e : batch) {
                    if (!e.name().equals(".") && !e.name().equals("..")) {
                        out.add(FsNode.child(dir, e.name(), e.type(), e.ino()));
                    }
                }
                progress.message(out.size() + " entries");
            }
        } finally {
            p.close(fd);
        }
        out.sort(ORDER);
        return out;
    }

    /** Splits {@code all} into pieces of at most {@code size}: the explorer adds one piece per pulse. */
    public static <T> List<List<T>> chunks(List<T> all, int size) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += size) {
            out.add(all.subList(i, Math.min(all.size(), i + size)));
        }
        return out;
    }

    static int compareBytes(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
