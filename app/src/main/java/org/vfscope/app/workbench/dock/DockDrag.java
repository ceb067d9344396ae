package org.vfscope.app.workbench.dock;

import java.util.function.Consumer;

import javafx.scene.Node;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DataFormat;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;

/** Dragging a tool window's tab or stripe button onto another side: the drag carries the window's id. */
final class DockDrag {
    static final DataFormat TOOL_WINDOW = new DataFormat("application/x-vfscope-tool-window");
    private static final String TARGET = "dock-drop-target";

    private DockDrag() {
    }

    /** Makes {@code handle} start a drag of tool window {@code id}. */
    static void source(Node handle, String id) {
        handle.setOnDragDetected(e -> {
            Dragboard db = handle.startDragAndDrop(TransferMode.MOVE);
            ClipboardContent c = new ClipboardContent();
            c.put(TOOL_WINDOW, id);
            db.setContent(c);
            e.consume();
        });
    }

    /** Makes {@code target} take dropped tool windows and hand their ids to {@code onDrop}. */
    static void target(Node target, Consumer<String> onDrop) {
        target.setOnDragOver(e -> {
            if (e.getDragboard().hasContent(TOOL_WINDOW)) {
                e.acceptTransferModes(TransferMode.MOVE);
                e.consume();
            }
        });
        target.setOnDragEntered(e -> {
            if (e.getDragboard().hasContent(TOOL_WINDOW) && !target.getStyleClass().contains(TARGET)) {
                target.getStyleClass().add(TARGET);
            }
        });
        target.setOnDragExited(e -> target.getStyleClass().remove(TARGET));
        target.setOnDragDropped(e -> {
            if (e.getDragboard().hasContent(TOOL_WINDOW)) {
                onDrop.accept((String) e.getDragboard().getContent(TOOL_WINDOW));
                e.setDropCompleted(true);
                e.consume();
            }
        });
    }
}
