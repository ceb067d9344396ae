package org.vfscope.app.workbench.explorer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.vfscope.app.workbench.WorkbenchModel;
import org.vfscope.app.workbench.image.ImageWorkspace;

/**
 * Dragging a file or directory from the tree to the desktop or a file manager. A drag must name
 * its host files when it starts, so, as file managers do for archives, the node is exported in
 * the background into a fresh directory of this session's drag area the moment the drag starts,
 * and the drag carries the path it is being written to. A file of a few megabytes is there long
 * before the pointer reaches the drop target; the task view shows a longer export's progress.
 */
public final class DragExport {
    private final WorkbenchModel model;
    private final Path area;
    private final AtomicInteger drags = new AtomicInteger();

    /** Exports go under {@code area} (e.g. {@code /tmp/vfscope-drag-PID}), one directory per drag. */
    public DragExport(WorkbenchModel model, Path area) {
        this.model = model;
        this.area = area;
    }

    /** This process's drag area in the system's temporary directory. */
    public static Path defaultArea() {
        return Path.of(System.getProperty("java.io.tmpdir"), "vfscope-drag-" + ProcessHandle.current().pid());
    }

    /**
     * Starts exporting {@code node} and returns the host path it is being written to, or null if
     * it cannot be dragged out (no image, not a file or directory of a volume). No I/O here: the
     * FX thread calls it when the drag starts.
     */
    public Path begin(FsNode node) {
        ImageWorkspace w = model.workspace();
        if (w == null || node == null || node.volume() < 0 || node.kind() == FsNode.Kind.IMAGE) {
            return null;
        }
        Path dir = area.resolve(String.valueOf(drags.incrementAndGet()));
        String name = node.path().equals("/") ? "root" : node.path().substring(node.path().lastIndexOf('/') + 1);
        model.tasks().submit("Export " + node.path() + " for the drag", g -> {
            Files.createDirectories(dir);
            return FileCommands.exportToHost(w.machine(node.volume()).process(), node.path(), dir, g);
        }, n -> { }, m -> model.error("Cannot drag " + node.path() + " out: " + m));
        return dir.resolve(name);
    }

    /** Deletes the drag area (when the workbench closes: drop targets have copied what they took). */
    public void clean() {
        if (!Files.isDirectory(area)) {
            return;
        }
        try (Stream<Path> all = Files.walk(area)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // What cannot be deleted stays for the system's temporary-file cleaner.
                }
            });
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(DragExport.class).debug("cannot clean {}", area, e);
        }
    }
}
