package org.vfscope.app.workbench.explorer;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import org.vfscope.app.workbench.WorkbenchModel;
import org.vfscope.app.workbench.image.ImageWorkspace;
import org.vfscope.sys.Process;

/**
 * The explorer's context-menu operations as background tasks on the node's volume. Changes need
 * editing switched on; afterwards {@code onChanged} gets the directory to list again.
 */
public final class FileOperations {
    /** A step that needs the volume's process. */
    @FunctionalInterface
    interface Step {
        Object run(Process p, org.vfscope.app.workbench.task.BackgroundTask.Progress progress) throws Exception;
    }

    private final WorkbenchModel model;
    private Consumer<String> onChanged = dir -> { };

    public FileOperations(WorkbenchModel model) {
        this.model = model;
    }

    /** Called with (volume-relative) directory paths whose listing changed. */
    public void onChanged(Consumer<String> listener) {
        this.onChanged = listener;
    }

    public void newFile(FsNode dir, String name) {
        change("New file " + name, dir.volume(), dir.path(), (p, g) -> {
            FileCommands.createFile(p, FsNode.join(dir.path(), checkName(name)));
            return null;
        });
    }

    public void newFolder(FsNode dir, String name) {
        change("New folder " + name, dir.volume(), dir.path(), (p, g) -> {
            FileCommands.mkdir(p, FsNode.join(dir.path(), checkName(name)));
            return null;
        });
    }

    public void rename(FsNode node, String newName) {
        change("Rename " + node.name(), node.volume(), node.parentPath(), (p, g) -> {
            FileCommands.rename(p, node.path(), FsNode.join(node.parentPath(), checkName(newName)));
            return null;
        });
    }

    public void delete(FsNode node) {
        change("Delete " + node.path(), node.volume(), node.parentPath(), (p, g) -> FileCommands.delete(p, node.path(), g));
    }

    public void importFromHost(FsNode dir, List<Path> sources) {
        change("Import " + sources.size() + " item(s)", dir.volume(), dir.path(), (p, g) -> {
            for (Path s : sources) {
                FileCommands.importFromHost(p, s, dir.path(), g);
            }
            return null;
        });
    }

    /** Export reads only: allowed read-only too. */
    public void exportToHost(FsNode node, Path hostDir) {
        ImageWorkspace w = model.workspace();
        model.tasks().submit("Export " + node.path(), g -> FileCommands.exportToHost(
                        w.machine(node.volume()).process(), node.path(), hostDir, g),
                n -> model.notify("Exported " + n + " item(s) to " + hostDir),
                m -> model.error("Export failed: " + m));
    }

    private void change(String title, int volume, String dirToReload, Step step) {
        ImageWorkspace w = model.workspace();
        if (w == null) {
            return;
        }
        if (!model.isEditable()) {
            model.error("The image is open read-only. Turn on Image > Enable Editing first: changes then go to an "
                    + "overlay until you commit them.");
            return;
        }
        model.tasks().submit(title, g -> step.run(w.machine(volume).process(), g),
                r -> {
                    model.notify(title + ": done");
                    onChanged.accept(dirToReload);
                },
                m -> {
                    model.error(title + " failed: " + m);
                    onChanged.accept(dirToReload);
                });
    }

    private static String checkName(String name) {
        if (name == null || name.isBlank() || name.contains("/") || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("'" + name + "' is not a valid name (no '/', not empty)");
        }
        return name;
    }
}
