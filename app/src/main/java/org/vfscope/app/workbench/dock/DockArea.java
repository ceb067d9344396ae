package org.vfscope.app.workbench.dock;

import java.util.List;
import java.util.Map;

import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;

/**
 * One side's tool windows as tabs. Closing a tab hides its window (Alt+number brings it back);
 * a tab's content is built when the tab is first selected.
 */
final class DockArea extends TabPane {
    private final DockView dock;
    private boolean updating;

    DockArea(DockSide side, DockView dock) {
        this.dock = dock;
        setId("dock-" + side.name().toLowerCase(java.util.Locale.ROOT));
        getStyleClass().addAll("dock-area", "tool-tabs");
        setTabClosingPolicy(TabClosingPolicy.ALL_TABS);
        // The area may be dragged as small as the user likes: its content's minimum must not push the divider.
        setMinSize(0, 0);
        getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                fill(now);
                if (!updating) {
                    dock.layout().select((String) now.getUserData());
                }
            }
        });
        DockDrag.target(this, id -> dock.layout().moveTo(id, side));
    }

    /** Shows {@code ids}' tabs, in order, with {@code selected} in front. */
    void show(List<String> ids, String selected, Map<String, Tab> tabs) {
        updating = true;
        try {
            List<Tab> wanted = ids.stream().map(tabs::get).toList();
            if (!getTabs().equals(wanted)) {
                getTabs().setAll(wanted);
            }
            Tab front = selected == null ? null : tabs.get(selected);
            if (front != null) {
                getSelectionModel().select(front);
                fill(front);
            }
        } finally {
            updating = false;
        }
    }

    private void fill(Tab t) {
        if (t.getContent() == null) {
            t.setContent(dock.window((String) t.getUserData()).content());
        }
    }

    /** The tab for {@code w}: its close button hides the window. */
    static Tab tabFor(ToolWindow w, DockView dock) {
        Tab t = new Tab();
        t.setId("tool-" + w.id());
        t.setUserData(w.id());
        // The title is the graphic, so that the whole tab header can be dragged to another side.
        Label title = new Label();
        title.textProperty().bind(w.titleProperty());
        title.setGraphic(DockView.icon(w));
        title.getStyleClass().add("dock-tab-title");
        title.setTooltip(new Tooltip(w.describe() + " — drag to another side, right-click for more"));
        t.setGraphic(title);
        t.setContextMenu(dock.menuFor(w.id()));
        t.setOnCloseRequest(e -> {
            e.consume();
            dock.layout().hide(w.id());
        });
        DockDrag.source(title, w.id());
        return t;
    }
}
