package org.vfscope.app.workbench.action;

import java.util.Objects;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;

import org.kordamp.ikonli.Ikon;

/**
 * One thing the user can do, described once: menus, the toolbar, context menus, shortcuts and
 * the command palette are all built from these.
 *
 * @param id       stable identifier ("file.open"), used by layouts and tests
 * @param category the menu it belongs to ("File")
 * @param title    what menus and the palette show ("Open Image…")
 * @param shortcut a {@code KeyCombination} text ("Shortcut+O"), or "" for none
 * @param icon     the toolbar / menu icon, or null
 * @param enabled  when it can run
 * @param handler  what it does (on the FX thread; long work goes to a background task)
 */
public record Action(String id, String category, String title, String shortcut, Ikon icon,
                     ObservableBooleanValue enabled, Runnable handler) {

    public Action {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        shortcut = shortcut == null ? "" : shortcut;
        enabled = enabled == null ? Bindings.createBooleanBinding(() -> true) : enabled;
    }

    /** Runs the handler if the action is enabled; says whether it ran. */
    public boolean runIfEnabled() {
        if (!enabled.get()) {
            return false;
        }
        handler.run();
        return true;
    }

    /** "Ctrl+Shift+A" as a user reads it on Linux and Windows. */
    public String shortcutText() {
        return shortcut.replace("Shortcut", "Ctrl");
    }
}
