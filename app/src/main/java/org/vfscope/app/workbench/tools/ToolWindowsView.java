package org.vfscope.app.workbench.tools;

import java.util.LinkedHashMap;
import java.util.Map;

import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

/** The bottom tool windows as tabs: Caches, Event Log, Problems, Demo; the workbench shows and hides the area. */
public final class ToolWindowsView extends BorderPane {
    private final TabPane tabs = new TabPane();
    private final Map<String, Tab> byId = new LinkedHashMap<>();

    public ToolWindowsView() {
        setId("tool-windows");
        tabs.setId("tool-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getStyleClass().add("tool-tabs");
        setCenter(tabs);
    }

    public Tab add(String id, String title, Ikon icon, Node content) {
        Tab t = new Tab(title, content);
        t.setId("tool-" + id);
        t.setGraphic(new FontIcon(icon));
        byId.put(id, t);
        tabs.getTabs().add(t);
        return t;
    }

    public void select(String id) {
        Tab t = byId.get(id);
        if (t != null) {
            tabs.getSelectionModel().select(t);
        }
    }

    public String selectedId() {
        Tab t = tabs.getSelectionModel().getSelectedItem();
        return byId.entrySet().stream().filter(e -> e.getValue() == t).map(Map.Entry::getKey).findFirst().orElse("");
    }

    public Tab tab(String id) {
        return byId.get(id);
    }
}
