package org.vfscope.app.workbench.dock;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javafx.geometry.Pos;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * A window edge's strip of tool window buttons, as in IntelliJ: one button per window that belongs
 * to a side, pressed while it shows. Click shows or hides; drag a button onto another strip group
 * or area to move the window there; right-click to move, float or hide.
 */
final class DockStripe extends VBox {
    private final DockView dock;
    private final VBox top = group();
    private final VBox bottom = group();
    private final DockSide topSide;
    private final DockSide bottomSide;
    private final Map<String, ToggleButton> buttons = new HashMap<>();

    /** A strip whose upper group holds {@code topSide}'s windows and lower group {@code bottomSide}'s (may be null). */
    DockStripe(String id, DockView dock, DockSide topSide, DockSide bottomSide) {
        this.dock = dock;
        this.topSide = topSide;
        this.bottomSide = bottomSide;
        setId(id);
        getStyleClass().add("dock-stripe");
        setAlignment(Pos.TOP_CENTER);
        // The upper group fills the strip down to the lower one: all of it is a place to drop on.
        VBox.setVgrow(top, Priority.ALWAYS);
        top.setMinHeight(40);
        getChildren().add(top);
        DockDrag.target(top, w -> dock.layout().moveTo(w, topSide));
        if (bottomSide != null) {
            bottom.setMinHeight(40);
            bottom.setAlignment(Pos.BOTTOM_CENTER);
            getChildren().add(bottom);
            DockDrag.target(bottom, w -> dock.layout().moveTo(w, bottomSide));
        }
    }

    private static VBox group() {
        VBox g = new VBox(2);
        g.setAlignment(Pos.TOP_CENTER);
        g.getStyleClass().add("dock-stripe-group");
        return g;
    }

    void refresh() {
        fill(top, dock.layout().on(topSide));
        if (bottomSide != null) {
            fill(bottom, dock.layout().on(bottomSide));
        }
    }

    private void fill(VBox group, List<String> ids) {
        List<ToggleButton> wanted = ids.stream().map(this::button).toList();
        if (!group.getChildren().equals(wanted)) {
            group.getChildren().setAll(wanted);
        }
    }

    /** The button of {@code id} (one per window, kept), showing its state now. */
    private ToggleButton button(String id) {
        ToolWindow w = dock.window(id);
        ToggleButton b = buttons.computeIfAbsent(id, k -> {
            ToggleButton nb = new ToggleButton(null, DockView.icon(w));
            nb.setId("stripe-" + id);
            nb.getStyleClass().addAll("flat", "dock-stripe-button");
            nb.setFocusTraversable(false);
            nb.setTooltip(new Tooltip());
            nb.setContextMenu(dock.menuFor(id));
            // The layout decides what the button shows: refresh() sets it again after the toggle.
            nb.setOnAction(e -> dock.toggle(id));
            DockDrag.source(nb, id);
            return nb;
        });
        b.setSelected(dock.layout().isShown(id));
        b.getTooltip().setText(w.describe() + (dock.layout().isFloating(id) ? " — floating" : ""));
        return b;
    }
}
