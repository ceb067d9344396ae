package org.vfscope.app.workbench;

import java.util.ArrayList;
import java.util.List;

import javafx.application.Platform;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.MenuBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToolBar;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.vfscope.app.workbench.dock.DockLayout;
import org.vfscope.app.workbench.dock.DockSide;
import org.vfscope.app.workbench.dock.DockView;
import org.vfscope.app.workbench.task.FxThread;

/**
 * The window's layout, IntelliJ-style: menu and toolbar on top; tool window strips at the left
 * and right edges; the left tool area, the editors and the right tool area side by side, the
 * bottom tool area under the editors; the status bar at the bottom. An area shows while it has a
 * tool window; each takes the share of the window its {@link DockLayout} size says, and a
 * divider the user drags changes that size.
 */
public final class WorkbenchView extends BorderPane {
    private final SplitPane main = new SplitPane();
    private final SplitPane centre = new SplitPane();
    private final DockView dock;
    private final Region editors;
    private boolean applying;
    private Node maximised;

    public WorkbenchView(MenuBar menu, ToolBar toolbar, Region editors, DockView dock, Node status) {
        this.dock = dock;
        this.editors = editors;
        setId("workbench");
        getStyleClass().add("workbench");
        setTop(new VBox(menu, toolbar));
        centre.setOrientation(Orientation.VERTICAL);
        centre.setId("centre-split");
        main.setId("main-split");
        // The editors give way to a divider: their content's minimum size must not push it.
        editors.setMinSize(0, 0);
        setLeft(dock.leftStripe());
        setRight(dock.rightStripe());
        setCenter(main);
        setBottom(status);
        dock.onAreasChanged(this::placeAreas);
        main.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> recordSizes());
        // Sizes are fractions of the real size: apply them again once the window has one.
        main.widthProperty().addListener((o, was, now) -> {
            if (was.doubleValue() < 1 && now.doubleValue() >= 1) {
                Platform.runLater(this::applyDividers);
            }
        });
        placeAreas();
    }

    private DockLayout dockLayout() {
        return dock.layout();
    }

    /** Puts the side areas that have tool windows into the split panes and sizes them. */
    public void placeAreas() {
        if (maximised != null) {
            return;
        }
        applying = true;
        try {
            List<Node> row = new ArrayList<>();
            if (dockLayout().isAreaShown(DockSide.LEFT)) {
                row.add(dock.area(DockSide.LEFT));
            }
            row.add(centre);
            if (dockLayout().isAreaShown(DockSide.RIGHT)) {
                row.add(dock.area(DockSide.RIGHT));
            }
            List<Node> column = dockLayout().isAreaShown(DockSide.BOTTOM) ? List.of(editors, dock.area(DockSide.BOTTOM)) : List.of(editors);
            if (!main.getItems().equals(row)) {
                main.getItems().setAll(row);
            }
            if (!centre.getItems().equals(column)) {
                centre.getItems().setAll(column);
            }
        } finally {
            applying = false;
        }
        applyDividers();
        // A split pane that has just got new items lays them out once before it honours positions.
        if (getScene() != null) {
            FxThread.afterNextPulse(getScene(), this::applyDividers);
        }
    }

    /** Sets the dividers from the layout's sizes. */
    public void applyDividers() {
        applying = true;
        try {
            boolean left = main.getItems().contains(dock.area(DockSide.LEFT));
            boolean right = main.getItems().contains(dock.area(DockSide.RIGHT));
            double l = dockLayout().size(DockSide.LEFT);
            double r = dockLayout().size(DockSide.RIGHT);
            if (left && right) {
                main.setDividerPositions(l, 1 - r);
            } else if (left) {
                main.setDividerPositions(l);
            } else if (right) {
                main.setDividerPositions(1 - r);
            }
            if (centre.getItems().size() == 2) {
                centre.setDividerPositions(1 - dockLayout().size(DockSide.BOTTOM));
            }
        } finally {
            applying = false;
        }
    }

    /** The sizes as the user left the dividers: only a mouse moves them (a layout pass may, too, and must not count). */
    private void recordSizes() {
        if (applying || maximised != null || main.getWidth() < 1) {
            return;
        }
        double[] p = main.getDividerPositions();
        boolean left = main.getItems().contains(dock.area(DockSide.LEFT));
        boolean right = main.getItems().contains(dock.area(DockSide.RIGHT));
        if (left && p.length > 0) {
            dockLayout().setSize(DockSide.LEFT, p[0]);
        }
        if (right && p.length > 0) {
            dockLayout().setSize(DockSide.RIGHT, 1 - p[p.length - 1]);
        }
        if (centre.getItems().size() == 2 && centre.getHeight() >= 1) {
            dockLayout().setSize(DockSide.BOTTOM, 1 - centre.getDividerPositions()[0]);
        }
    }

    /** The editors' share of the height under the toolbar (for tests and screenshots). */
    public double editorShare() {
        double h = centre.getHeight();
        return h <= 0 ? 0 : editors.getHeight() / h;
    }

    /** Presentation mode: only {@code which} (the editors or a tool area), full size; null restores. */
    public void maximise(Node which) {
        if (which == null) {
            maximised = null;
            main.getItems().setAll(centre);
            centre.getItems().setAll(editors);
            placeAreas();
        } else {
            maximised = which;
            main.getItems().setAll(centre);
            centre.getItems().setAll(which);
        }
    }

    public Node editors() {
        return editors;
    }
}
