package org.vfscope.app.workbench.action;

import java.util.List;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Builds menus, toolbar buttons and context menus from the registry, and installs every
 * shortcut on the scene: the one place where an {@link Action} becomes a control.
 * {@code "-"} in a layout is a separator.
 */
public final class ActionControls {
    public static final String SEPARATOR = "-";

    private final ActionRegistry registry;

    public ActionControls(ActionRegistry registry) {
        this.registry = registry;
    }

    public MenuItem menuItem(Action a) {
        MenuItem item = new MenuItem(a.title());
        item.setId("menu-" + a.id());
        if (a.icon() != null) {
            item.setGraphic(new FontIcon(a.icon()));
        }
        if (!a.shortcut().isEmpty()) {
            item.setAccelerator(KeyCombination.valueOf(a.shortcut()));
        }
        item.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(() -> !a.enabled().get(), a.enabled()));
        item.setOnAction(e -> a.runIfEnabled());
        return item;
    }

    public Menu menu(String title, List<String> ids) {
        Menu m = new Menu(title);
        m.setId("menu-" + title.toLowerCase(java.util.Locale.ROOT));
        m.getItems().setAll(items(ids));
        return m;
    }

    public ContextMenu contextMenu(List<String> ids) {
        return new ContextMenu(items(ids).toArray(MenuItem[]::new));
    }

    private List<MenuItem> items(List<String> ids) {
        return ids.stream().map(id -> id.equals(SEPARATOR) ? new SeparatorMenuItem() : menuItem(registry.get(id))).toList();
    }

    public Button button(String id) {
        Action a = registry.get(id);
        Button b = new Button(null, a.icon() == null ? null : new FontIcon(a.icon()));
        if (a.icon() == null) {
            b.setText(a.title());
        }
        b.setId("tool-" + a.id());
        b.getStyleClass().addAll("flat", "tool-button");
        b.setTooltip(new Tooltip(a.title() + (a.shortcut().isEmpty() ? "" : "  (" + a.shortcutText() + ")")));
        b.setFocusTraversable(false);
        b.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(() -> !a.enabled().get(), a.enabled()));
        b.setOnAction(e -> a.runIfEnabled());
        return b;
    }

    /** Every action with a shortcut runs from anywhere in the scene. */
    public void installShortcuts(Scene scene) {
        for (Action a : registry.all()) {
            if (!a.shortcut().isEmpty()) {
                scene.getAccelerators().put(KeyCombination.valueOf(a.shortcut()), a::runIfEnabled);
            }
        }
    }

    /**
     * The shortcuts of {@code ids} run while {@code owner} has the focus even where the control
     * would swallow the key first (a TreeView takes F2 to start editing a cell, so the scene's
     * accelerator never sees it).
     */
    public void claimShortcuts(Node owner, List<String> ids) {
        List<Action> claimed = ids.stream().filter(id -> !id.equals(SEPARATOR)).map(registry::get)
                .filter(a -> !a.shortcut().isEmpty()).toList();
        owner.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            for (Action a : claimed) {
                if (KeyCombination.valueOf(a.shortcut()).match(e)) {
                    a.runIfEnabled();
                    e.consume();
                    return;
                }
            }
        });
    }
}
