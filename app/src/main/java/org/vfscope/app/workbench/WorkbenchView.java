package org.vfscope.app.workbench;

import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.MenuBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;

/**
 * The window's layout, IntelliJ-style: menu and toolbar on top; explorer left, editors centre,
 * inspector right; tool windows under the editors; status bar at the bottom. Side and bottom
 * areas can be hidden and their dividers are remembered.
 */
public final class WorkbenchView extends BorderPane {
    private final SplitPane main = new SplitPane();
    private final SplitPane centre = new SplitPane();
    private final Node explorer;
    private final Node inspector;
    private final Node editors;
    private final Node tools;
    private double[] mainDividers = {0.22, 0.78};
    private double bottomDivider = 0.64;

    public WorkbenchView(MenuBar menu, ToolBar toolbar, Node explorer, Node editors, Node inspector, Node tools, Node status) {
        this.explorer = explorer;
        this.inspector = inspector;
        this.editors = editors;
        this.tools = tools;
        setId("workbench");
        getStyleClass().add("workbench");
        setTop(new VBox(menu, toolbar));
        centre.setOrientation(Orientation.VERTICAL);
        centre.getItems().setAll(editors, tools);
        main.getItems().setAll(explorer, centre, inspector);
        SplitPane.setResizableWithParent(explorer, false);
        SplitPane.setResizableWithParent(inspector, false);
        SplitPane.setResizableWithParent(tools, false);
        setCenter(main);
        setBottom(status);
    }

    public void setDividers(double[] mainPositions, double bottom) {
        this.mainDividers = mainPositions.clone();
        this.bottomDivider = bottom;
        applyDividers();
    }

    public void applyDividers() {
        if (main.getItems().size() == 3 && mainDividers.length == 2) {
            main.setDividerPositions(mainDividers);
        } else if (main.getItems().size() == 2) {
            main.setDividerPositions(mainDividers[0]);
        }
        if (centre.getItems().size() == 2) {
            centre.setDividerPositions(bottomDivider);
        }
    }

    public double[] mainDividers() {
        if (main.getItems().size() == 3) {
            mainDividers = main.getDividerPositions().clone();
        }
        return mainDividers.clone();
    }

    public double bottomDivider() {
        if (centre.getItems().size() == 2) {
            bottomDivider = centre.getDividerPositions()[0];
        }
        return bottomDivider;
    }

    public boolean isToolWindowsVisible() {
        return centre.getItems().contains(tools);
    }

    public void setToolWindowsVisible(boolean visible) {
        if (visible == isToolWindowsVisible()) {
            return;
        }
        if (visible) {
            centre.getItems().add(tools);
            centre.setDividerPositions(bottomDivider);
        } else {
            bottomDivider();
            centre.getItems().remove(tools);
        }
    }

    public boolean isInspectorVisible() {
        return main.getItems().contains(inspector);
    }

    public void setInspectorVisible(boolean visible) {
        if (visible == isInspectorVisible()) {
            return;
        }
        if (visible) {
            main.getItems().add(inspector);
        } else {
            mainDividers();
            main.getItems().remove(inspector);
        }
        applyDividers();
    }

    /** Presentation mode: only the editors or the tool windows, full size. */
    public void maximise(Node which) {
        if (which == null) {
            main.getItems().setAll(explorer, centre, inspector);
            centre.getItems().setAll(editors, tools);
            applyDividers();
        } else {
            mainDividers();
            bottomDivider();
            main.getItems().setAll(centre);
            centre.getItems().setAll(which);
        }
    }

    public Node editors() {
        return editors;
    }

    public Node tools() {
        return tools;
    }
}
