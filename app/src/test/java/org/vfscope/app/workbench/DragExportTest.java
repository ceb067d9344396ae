package org.vfscope.app.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfscope.app.workbench.explorer.DragExport;
import org.vfscope.app.workbench.explorer.FsNode;
import org.vfscope.app.workbench.image.ImageWorkspace;
import org.vfscope.app.workbench.task.BackgroundTasks;
import org.vfscope.sys.Process;
import org.vfscope.vfs.OpenFlags;

/** Dragging out of the tree: the drag names a host path and the node is exported there in the background. */
class DragExportTest {

    @TempDir
    Path tmp;

    private WorkbenchModel model() throws Exception {
        WorkbenchModel m = new WorkbenchModel(BackgroundTasks.inline(), tmp.resolve("cfg"));
        m.workspaceProperty().set(ImageWorkspace.ramfs("scratch"));
        Process p = m.workspace().machine(0).process();
        p.mkdir("/notes", 0755);
        p.mkdir("/notes/old", 0755);
        write(p, "/notes/todo.txt", "buy milk\n");
        write(p, "/notes/old/done.txt", "sync\n");
        return m;
    }

    private static void write(Process p, String path, String text) {
        int fd = p.open(path, OpenFlags.O_CREAT | OpenFlags.O_WRONLY, 0644);
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        p.write(fd, b);
        p.close(fd);
    }

    @Test
    void aDraggedFileIsExportedToThePathTheDragCarries() throws Exception {
        DragExport drag = new DragExport(model(), tmp.resolve("drag"));

        Path out = drag.begin(new FsNode(FsNode.Kind.FILE, "todo.txt", 0, "/notes/todo.txt", 0));

        assertThat(out.getFileName().toString()).isEqualTo("todo.txt");
        assertThat(out).startsWith(tmp.resolve("drag"));
        assertThat(Files.readString(out)).isEqualTo("buy milk\n");
    }

    @Test
    void aDraggedDirectoryComesWithEverythingInItAndEachDragHasItsOwnDirectory() throws Exception {
        DragExport drag = new DragExport(model(), tmp.resolve("drag"));
        FsNode notes = new FsNode(FsNode.Kind.DIRECTORY, "notes", 0, "/notes", 0);

        Path first = drag.begin(notes);
        Path second = drag.begin(notes);

        assertThat(first).isNotEqualTo(second);
        assertThat(Files.readString(first.resolve("old/done.txt"))).isEqualTo("sync\n");
        assertThat(Files.readString(second.resolve("todo.txt"))).isEqualTo("buy milk\n");

        drag.clean();
        assertThat(tmp.resolve("drag")).doesNotExist();
    }

    @Test
    void theImageRowAndNoImageCannotBeDragged() throws Exception {
        DragExport drag = new DragExport(model(), tmp.resolve("drag"));
        assertThat(drag.begin(new FsNode(FsNode.Kind.IMAGE, "disk.img", -1, "", 0))).isNull();

        WorkbenchModel empty = new WorkbenchModel(BackgroundTasks.inline(), tmp.resolve("cfg2"));
        assertThat(new DragExport(empty, tmp.resolve("drag2")).begin(
                new FsNode(FsNode.Kind.FILE, "a", 0, "/a", 0))).isNull();
    }
}
