package org.vfscope.app.workbench.dock;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.stage.Window;

import org.kordamp.ikonli.javafx.FontIcon;
import org.vfscope.app.workbench.task.FxThread;

/**
 * The tool windows on screen: a tab area per side, the strips of buttons at the window's edges,
 * and floating windows, all drawn from one {@link DockLayout}. The workbench places the areas in
 * its split panes and hears when an area appears or goes.
 */
public final class DockView {
    private final DockLayout layout = new DockLayout();
    private final Map<String, ToolWindow> windows = new LinkedHashMap<>();
    private final Map<String, Tab> tabs = new HashMap<>();
    private final Map<DockSide, DockArea> areas = new EnumMap<>(DockSide.class);
    private final Map<String, FloatingToolWindow> floating = new HashMap<>();
    private final DockStripe leftStripe;
    private final DockStripe rightStripe;
    private Runnable onAreasChanged = () -> { };
    private Consumer<Scene> styler = s -> { };
    private Window owner;

    public DockView() {
        for (DockSide s : DockSide.values()) {
            areas.put(s, new DockArea(s, this));
        }
        leftStripe = new DockStripe("dock-stripe-left", this, DockSide.LEFT, DockSide.BOTTOM);
        rightStripe = new DockStripe("dock-stripe-right", this, DockSide.RIGHT, null);
        layout.addListener(this::refresh);
    }

    /** Adds a tool window at its default place. */
    public void add(ToolWindow w, DockSide side, boolean shown) {
        windows.put(w.id(), w);
        tabs.put(w.id(), DockArea.tabFor(w, this));
        layout.register(w.id(), side, shown);
    }

    public DockLayout layout() {
        return layout;
    }

    public ToolWindow window(String id) {
        ToolWindow w = windows.get(id);
        if (w == null) {
            throw new IllegalArgumentException("no tool window " + id);
        }
        return w;
    }

    public Node area(DockSide side) {
        return areas.get(side);
    }

    public Node leftStripe() {
        return leftStripe;
    }

    public Node rightStripe() {
        return rightStripe;
    }

    public Tab tab(String id) {
        return tabs.get(id);
    }

    /** Floating windows open over {@code w} and are styled like the main window by {@code styler}. */
    public void setOwner(Window w, Consumer<Scene> styler) {
        this.owner = w;
        this.styler = styler;
        // Floating windows open once the main window shows, so that they come up above it.
        w.showingProperty().addListener((o, was, now) -> {
            if (now && w.getScene() != null) {
                FxThread.afterNextPulse(w.getScene(), () -> {
                    refresh();
                    w.requestFocus(); // restored floating windows must not take the focus from the workbench
                });
            }
        });
    }

    /** Runs when a side area appears or goes (the workbench adds or removes it from its split panes). */
    public void onAreasChanged(Runnable r) {
        this.onAreasChanged = r;
    }

    /** The floating window of {@code id} while it shows, for tests and focus. */
    public Window floatingWindow(String id) {
        FloatingToolWindow f = floating.get(id);
        return f == null ? null : f.stage();
    }

    /** Applies the theme again to floating windows (after a theme switch). */
    public void restyle() {
        floating.values().forEach(f -> styler.accept(f.scene()));
    }

    /** What Alt+number does (see {@link DockLayout#activate}); the window gets the focus when it shows. */
    public void activate(String id) {
        if (layout.activate(id)) {
            focus(id);
        }
    }

    /** A stripe button: shows a hidden window, hides a shown one. */
    void toggle(String id) {
        if (layout.isShown(id)) {
            layout.hide(id);
        } else {
            layout.show(id);
            focus(id);
        }
    }

    private void focus(String id) {
        FloatingToolWindow f = floating.get(id);
        if (f != null) {
            f.stage().toFront();
            f.stage().requestFocus();
        }
        Node content = window(id).content();
        if (content instanceof Parent p) {
            javafx.application.Platform.runLater(p::requestFocus);
        }
    }

    /** Remembers where floating windows are (before the settings are saved). */
    public void rememberFloatingBounds() {
        floating.values().forEach(f -> f.rememberBounds(layout));
    }

    /** Closes the floating windows (the workbench is closing), keeping their bounds. */
    public void closeFloating() {
        floating.values().forEach(f -> f.close(layout));
        floating.clear();
    }

    ContextMenu menuFor(String id) {
        ContextMenu m = new ContextMenu();
        m.setOnShowing(e -> {
            m.getItems().clear();
            DockSide side = layout.side(id);
            boolean floats = layout.isFloating(id);
            for (DockSide s : DockSide.values()) {
                MenuItem move = new MenuItem("Move to " + s.title());
                move.setId("move-" + id + "-" + s.name().toLowerCase(java.util.Locale.ROOT));
                move.setDisable(s == side && !floats);
                move.setOnAction(a -> layout.moveTo(id, s));
                m.getItems().add(move);
            }
            MenuItem fl = new MenuItem(floats ? "Dock" : "Float");
            fl.setId("float-" + id);
            fl.setOnAction(a -> {
                if (floats) {
                    layout.dock(id);
                } else {
                    layout.setFloating(id);
                }
            });
            MenuItem hide = new MenuItem(layout.isShown(id) ? "Hide" : "Show");
            hide.setOnAction(a -> toggle(id));
            m.getItems().addAll(new SeparatorMenuItem(), fl, hide);
        });
        m.getItems().add(new MenuItem("…")); // replaced on showing; an empty menu would not show
        return m;
    }

    static Node icon(ToolWindow w) {
        FontIcon i = new FontIcon(w.icon());
        i.getStyleClass().add("dock-icon");
        return i;
    }

    private void refresh() {
        // Floating windows first: a window docking back takes its content out of its stage before a tab shows it.
        for (var it = floating.entrySet().iterator(); it.hasNext();) {
            var e = it.next();
            if (!layout.isShown(e.getKey()) || !layout.isFloating(e.getKey())) {
                e.getValue().close(layout);
                tabs.get(e.getKey()).setContent(null);
                it.remove();
            }
        }
        boolean[] before = new boolean[DockSide.values().length];
        for (DockSide s : DockSide.values()) {
            before[s.ordinal()] = !areas.get(s).getTabs().isEmpty();
        }
        // Take tabs out of every area before placing them: a tab belongs to one area at a time.
        for (DockSide s : DockSide.values()) {
            areas.get(s).getTabs().retainAll(layout.shownOn(s).stream().map(tabs::get).toList());
        }
        for (DockSide s : DockSide.values()) {
            areas.get(s).show(layout.shownOn(s), layout.selected(s), tabs);
        }
        for (String id : owner != null && owner.isShowing() ? layout.floatingShown() : List.<String>of()) {
            if (!floating.containsKey(id)) {
                tabs.get(id).setContent(null);
                FloatingToolWindow f = new FloatingToolWindow(window(id), this, owner);
                styler.accept(f.scene());
                floating.put(id, f);
            }
            floating.get(id).show();
        }
        leftStripe.refresh();
        rightStripe.refresh();
        for (DockSide s : DockSide.values()) {
            if (before[s.ordinal()] != layout.isAreaShown(s)) {
                onAreasChanged.run();
                return;
            }
        }
    }

    /** Draws the layout as it is now (after the settings restored it). */
    public void refreshNow() {
        refresh();
        onAreasChanged.run();
    }
}
