package org.vfscope.app.workbench.action;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javafx.beans.value.ObservableBooleanValue;

import org.kordamp.ikonli.Ikon;

/** Every action of the workbench, by id, in the order they were added. */
public final class ActionRegistry {
    private final Map<String, Action> actions = new LinkedHashMap<>();

    public Action add(Action a) {
        if (actions.putIfAbsent(a.id(), a) != null) {
            throw new IllegalArgumentException("two actions with id " + a.id());
        }
        return a;
    }

    public Action add(String id, String category, String title, String shortcut, Ikon icon,
                      ObservableBooleanValue enabled, Runnable handler) {
        return add(new Action(id, category, title, shortcut, icon, enabled, handler));
    }

    public Optional<Action> find(String id) {
        return Optional.ofNullable(actions.get(id));
    }

    public Action get(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("no action " + id));
    }

    public List<Action> all() {
        return List.copyOf(actions.values());
    }

    /** The action bound to {@code shortcut} ("Shortcut+S"), if any. */
    public Optional<Action> byShortcut(String shortcut) {
        return actions.values().stream().filter(a -> a.shortcut().equalsIgnoreCase(shortcut)).findFirst();
    }

    public List<Action> inCategory(String category) {
        List<Action> out = new ArrayList<>();
        for (Action a : actions.values()) {
            if (a.category().equals(category)) {
                out.add(a);
            }
        }
        return out;
    }

    /** Two actions sharing a shortcut is a bug: one would never run. */
    public List<String> conflictingShortcuts() {
        Map<String, String> seen = new LinkedHashMap<>();
        List<String> conflicts = new ArrayList<>();
        for (Action a : actions.values()) {
            if (!a.shortcut().isEmpty()) {
                String other = seen.putIfAbsent(a.shortcut().toLowerCase(java.util.Locale.ROOT), a.id());
                if (other != null) {
                    conflicts.add(a.shortcut() + ": " + other + ", " + a.id());
                }
            }
        }
        return conflicts;
    }
}
