package org.vfscope.app.workbench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;

import org.kordamp.ikonli.feather.Feather;
import org.vfscope.app.workbench.action.ActionRegistry;
import org.vfscope.app.workbench.editor.EditorKind;
import org.vfscope.app.workbench.explorer.FsNode;
import org.vfscope.app.workbench.image.ImageMode;

/**
 * Every action of the workbench, registered once, and the layouts that place them: the menus,
 * the toolbar and the explorer's context menu. The palette lists them all.
 */
final class WorkbenchActions {
    static final String S = "-";
    static final Map<String, List<String>> MENUS = new LinkedHashMap<>();
    static final List<String> TOOLBAR = List.of("file.open", "file.save", S, "edit.undo", "edit.redo", S,
            "image.enableEditing", "image.commit", "image.discard", S, "demo.sync", "demo.drop3", S,
            "view.palette", "view.theme");
    static final List<String> EXPLORER_CONTEXT = List.of("explorer.open", "explorer.openHex", "explorer.inode",
            "explorer.properties", S, "explorer.newFile", "explorer.newFolder", "explorer.rename", "explorer.delete", S,
            "explorer.import", "explorer.export", "explorer.copyPath");

    static {
        MENUS.put("File", List.of("file.open", "file.demo", "file.scratch", S, "file.save", "file.saveAll", S,
                "file.close", "file.quit"));
        MENUS.put("Edit", List.of("edit.undo", "edit.redo", S, "edit.find", S, "explorer.newFile", "explorer.newFolder",
                "explorer.rename", "explorer.delete", "explorer.copyPath"));
        MENUS.put("Image", List.of("image.enableEditing", "image.commit", "image.discard", "image.saveAs", S,
                "explorer.import", "explorer.export", S, "image.superblock"));
        MENUS.put("View", List.of("view.palette", S, "view.explorer", "view.dentries", "view.inodes", "view.pages",
                "view.writeback", "view.blocks", "view.events", "view.problems", "view.demo", "view.inspector", S,
                "view.toolWindows", S, "view.theme", "view.presentation"));
        MENUS.put("Demo", List.of("demo.sync", "demo.drop1", "demo.drop2", "demo.drop3", S, "demo.pause", "demo.step"));
    }

    private final Workbench wb;

    WorkbenchActions(Workbench wb) {
        this.wb = wb;
    }

    void register(ActionRegistry r) {
        WorkbenchModel m = wb.model();
        BooleanBinding image = wb.hasImage();
        BooleanBinding selection = wb.hasSelection();
        BooleanBinding fileSelected = Bindings.createBooleanBinding(() -> {
            FsNode n = m.selectionProperty().get();
            return n != null && n.isFsEntry();
        }, m.selectionProperty());
        BooleanBinding editable = Bindings.createBooleanBinding(() -> m.workspace() != null
                && m.modeProperty().get() != ImageMode.READ_ONLY, m.modeProperty(), m.workspaceProperty());
        BooleanBinding readOnly = Bindings.createBooleanBinding(() -> m.workspace() != null
                && m.modeProperty().get() == ImageMode.READ_ONLY, m.modeProperty(), m.workspaceProperty());
        BooleanBinding overlay = Bindings.createBooleanBinding(() -> m.workspace() != null && !m.workspace().isScratch()
                && m.modeProperty().get() == ImageMode.OVERLAY, m.modeProperty(), m.workspaceProperty());
        BooleanBinding realImage = Bindings.createBooleanBinding(() -> m.workspace() != null && !m.workspace().isScratch(),
                m.workspaceProperty());

        r.add("file.open", "File", "Open Image…", "Shortcut+O", Feather.FOLDER, null,
                wb::openWithChooser);
        r.add("file.demo", "File", "Open Demo Image", "", Feather.PLAY_CIRCLE, null, this::openDemo);
        r.add("file.scratch", "File", "New Scratch RAM Disk", "", Feather.CPU, null, () -> wb.images().openScratch());
        r.add("file.save", "File", "Save", "Shortcut+S", Feather.SAVE, image, wb::save);
        r.add("file.saveAll", "File", "Save All", "Shortcut+Shift+S", null, image,
                () -> wb.editorsViewModel().saveAll(() -> { }));
        r.add("file.close", "File", "Close Image", "", Feather.X_SQUARE, image, () -> wb.images().close());
        r.add("file.quit", "File", "Quit", "Shortcut+Q", Feather.LOG_OUT, null,
                () -> wb.stage().fireEvent(new javafx.stage.WindowEvent(wb.stage(), javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST)));

        r.add("edit.undo", "Edit", "Undo", "Shortcut+Z", Feather.CORNER_UP_LEFT, image, wb::undo);
        r.add("edit.redo", "Edit", "Redo", "Shortcut+Shift+Z", Feather.CORNER_UP_RIGHT, image, wb::redo);
        r.add("edit.find", "Edit", "Find…", "Shortcut+F", Feather.SEARCH, image, wb::find);

        r.add("explorer.open", "Explorer", "Open", "", Feather.FILE_TEXT, fileSelected,
                () -> wb.openEditor(wb.selection(), EditorKind.TEXT));
        r.add("explorer.openHex", "Explorer", "Open as Hex", "Shortcut+Shift+H", Feather.HASH, fileSelected,
                () -> wb.openEditor(wb.selection(), EditorKind.HEX));
        r.add("explorer.inode", "Explorer", "Show Inode", "Shortcut+I", Feather.INFO, fileSelected,
                () -> wb.openEditor(wb.selection(), EditorKind.INODE));
        r.add("explorer.properties", "Explorer", "Properties", "Alt+Enter", Feather.SIDEBAR, selection, wb::showInspector);
        r.add("explorer.newFile", "Explorer", "New File…", "Shortcut+N", Feather.FILE_PLUS, editable, wb::newFile);
        r.add("explorer.newFolder", "Explorer", "New Folder…", "Shortcut+Shift+N", Feather.FOLDER_PLUS, editable, wb::newFolder);
        r.add("explorer.rename", "Explorer", "Rename…", "F2", Feather.EDIT_2, Bindings.and(editable, fileSelected), wb::rename);
        r.add("explorer.delete", "Explorer", "Delete", "Delete", Feather.TRASH_2, Bindings.and(editable, fileSelected), wb::delete);
        r.add("explorer.import", "Explorer", "Import from Host…", "", Feather.UPLOAD, editable, wb::importFromHost);
        r.add("explorer.export", "Explorer", "Export to Host…", "", Feather.DOWNLOAD, selection, wb::exportToHost);
        r.add("explorer.copyPath", "Explorer", "Copy Path", "Shortcut+Shift+C", Feather.COPY, selection, wb::copyPath);

        r.add("image.enableEditing", "Image", "Enable Editing", "", Feather.UNLOCK, readOnly, () -> wb.images().enableEditing());
        r.add("image.commit", "Image", "Commit to Image…", "", Feather.CHECK_CIRCLE, overlay, () -> wb.images().commit());
        r.add("image.discard", "Image", "Discard Changes…", "", Feather.ROTATE_CCW, overlay, () -> wb.images().discard());
        r.add("image.saveAs", "Image", "Save As New Image…", "", Feather.COPY, realImage, () -> wb.images().saveAs());
        r.add("image.superblock", "Image", "Superblock and Groups", "", Feather.LAYERS, image,
                () -> wb.openEditor(wb.selection() != null ? wb.selection() : FsNode.volume(0, ""), EditorKind.SUPERBLOCK));

        r.add("view.palette", "View", "Find Action…", "Shortcut+Shift+A", Feather.COMMAND, null, wb::showPalette);
        r.add("view.explorer", "View", "Explorer", "", Feather.FOLDER, null, () -> wb.activateTool(Workbench.EXPLORER));
        r.add("view.dentries", "View", "Dentry Cache", "Alt+1", Feather.GIT_MERGE, null, () -> wb.activateTool("dentries"));
        r.add("view.inodes", "View", "Inode Cache", "Alt+2", Feather.BOX, null, () -> wb.activateTool("inodes"));
        r.add("view.pages", "View", "Page Cache", "Alt+3", Feather.GRID, null, () -> wb.activateTool("pages"));
        r.add("view.writeback", "View", "Writeback", "Alt+4", Feather.CLOCK, null, () -> wb.activateTool("writeback"));
        r.add("view.blocks", "View", "Block I/O", "Alt+5", Feather.HARD_DRIVE, null, () -> wb.activateTool("blocks"));
        r.add("view.events", "View", "Event Log", "Alt+6", Feather.LIST, null, () -> wb.activateTool(Workbench.EVENTS));
        r.add("view.problems", "View", "Problems", "Alt+7", Feather.ALERT_TRIANGLE, null, () -> wb.activateTool(Workbench.PROBLEMS));
        r.add("view.demo", "View", "Demo Panel", "Alt+8", Feather.SLIDERS, null, () -> wb.activateTool(Workbench.DEMO));
        r.add("view.inspector", "View", "Inspector", "Alt+9", Feather.SIDEBAR, null, () -> wb.activateTool(Workbench.INSPECTOR));
        r.add("view.toolWindows", "View", "Hide / Restore All Tool Windows", "Alt+0", Feather.LAYOUT, null, wb::toggleToolWindows);
        r.add("view.theme", "View", "Toggle Dark Theme", "", Feather.MOON, null, wb::toggleTheme);
        r.add("view.presentation", "View", "Presentation Mode", "Shortcut+Shift+P", Feather.MONITOR, null, wb::togglePresentation);

        r.add("demo.sync", "Demo", "Sync", "", Feather.REFRESH_CW, image, () -> wb.demo().sync());
        r.add("demo.drop1", "Demo", "Drop Caches 1 (page cache)", "", null, image, () -> wb.demo().dropCaches(1));
        r.add("demo.drop2", "Demo", "Drop Caches 2 (dentries and inodes)", "", null, image, () -> wb.demo().dropCaches(2));
        r.add("demo.drop3", "Demo", "Drop Caches 3 (all)", "", Feather.TRASH, image, () -> wb.demo().dropCaches(3));
        r.add("demo.pause", "Demo", "Pause / Resume Kernel Clock", "", Feather.PAUSE, image,
                () -> wb.demo().pausedProperty().set(!wb.demo().pausedProperty().get()));
        r.add("demo.step", "Demo", "Step Clock (one writeback period)", "", Feather.SKIP_FORWARD, image, () -> wb.demo().step());
    }

    private void openDemo() {
        Path demo = Path.of(System.getProperty("vfscope.home", System.getProperty("user.dir")), "images", "demo.img");
        if (Files.isRegularFile(demo)) {
            wb.openImage(demo);
        } else {
            wb.model().error("The demo image is not unpacked: run ./vfscope once with no arguments, or images/build.sh --demo.");
        }
    }
}
