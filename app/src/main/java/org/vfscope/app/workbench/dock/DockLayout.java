package org.vfscope.app.workbench.dock;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each tool window is and whether it shows: docked on a side (in order, one selected per
 * side) or floating in its own window, shown or hidden; and how much room each side takes. No
 * JavaFX here: {@link DockView} draws it, the settings file stores its {@link State}.
 */
public final class DockLayout {
    /** Fractions of the window a side area takes when it shows. */
    static final double DEFAULT_SIDE = 0.22;
    static final double DEFAULT_BOTTOM = 0.36;

    private static final class Placement {
        DockSide side;
        boolean shown;
        boolean floating;
        double[] bounds;

        Placement(DockSide side, boolean shown) {
            this.side = side;
            this.shown = shown;
        }
    }

    private final Map<String, Placement> windows = new LinkedHashMap<>();
    private final Map<DockSide, String> selected = new EnumMap<>(DockSide.class);
    private final Map<DockSide, Double> sizes = new EnumMap<>(DockSide.class);
    private final List<Runnable> listeners = new ArrayList<>();
    private List<String> hiddenByHideAll = List.of();

    public DockLayout() {
        sizes.put(DockSide.LEFT, DEFAULT_SIDE);
        sizes.put(DockSide.RIGHT, DEFAULT_SIDE);
        sizes.put(DockSide.BOTTOM, DEFAULT_BOTTOM);
    }

    /** Adds a tool window at its default place; a restored {@link State} may move it afterwards. */
    public void register(String id, DockSide side, boolean shown) {
        windows.put(id, new Placement(side, shown));
        if (shown && selected.get(side) == null) {
            selected.put(side, id);
        }
    }

    /** Runs after every change of placement, visibility or selection (not of sizes). */
    public void addListener(Runnable r) {
        listeners.add(r);
    }

    private void changed() {
        for (DockSide s : DockSide.values()) {
            String sel = selected.get(s);
            List<String> shown = shownOn(s);
            if (sel == null || !shown.contains(sel)) {
                selected.put(s, shown.isEmpty() ? null : shown.get(0));
            }
        }
        listeners.forEach(Runnable::run);
    }

    private Placement at(String id) {
        Placement p = windows.get(id);
        if (p == null) {
            throw new IllegalArgumentException("no tool window " + id);
        }
        return p;
    }

    public List<String> ids() {
        return List.copyOf(windows.keySet());
    }

    /** The tool windows that belong to {@code side}, shown or not, floating or not, in order. */
    public List<String> on(DockSide side) {
        return windows.entrySet().stream().filter(e -> e.getValue().side == side).map(Map.Entry::getKey).toList();
    }

    /** The tool windows shown docked on {@code side}: its area's tabs. */
    public List<String> shownOn(DockSide side) {
        return windows.entrySet().stream()
                .filter(e -> e.getValue().side == side && e.getValue().shown && !e.getValue().floating)
                .map(Map.Entry::getKey).toList();
    }

    public List<String> floatingShown() {
        return windows.entrySet().stream().filter(e -> e.getValue().shown && e.getValue().floating)
                .map(Map.Entry::getKey).toList();
    }

    public DockSide side(String id) {
        return at(id).side;
    }

    public boolean isShown(String id) {
        return at(id).shown;
    }

    public boolean isFloating(String id) {
        return at(id).floating;
    }

    /** The tab shown on {@code side}, or null when nothing shows there. */
    public String selected(DockSide side) {
        return selected.get(side);
    }

    public boolean isAreaShown(DockSide side) {
        return !shownOn(side).isEmpty();
    }

    public void select(String id) {
        Placement p = at(id);
        if (p.shown && !p.floating && !id.equals(selected.get(p.side))) {
            selected.put(p.side, id);
            changed();
        }
    }

    public void show(String id) {
        Placement p = at(id);
        p.shown = true;
        if (!p.floating) {
            selected.put(p.side, id);
        }
        changed();
    }

    public void hide(String id) {
        Placement p = at(id);
        if (p.shown) {
            p.shown = false;
            changed();
        }
    }

    /**
     * What Alt+number does, as in IntelliJ: shows a hidden window, brings a docked one that is
     * behind another tab to the front, and hides the one in front. A floating window stays shown.
     *
     * @return whether the window shows afterwards (then it should get the focus)
     */
    public boolean activate(String id) {
        Placement p = at(id);
        if (!p.shown) {
            show(id);
            return true;
        }
        if (p.floating) {
            return true;
        }
        if (!id.equals(selected.get(p.side))) {
            select(id);
            return true;
        }
        hide(id);
        return false;
    }

    /** Docks {@code id} on {@code side} (from another side or from floating), shown and in front. */
    public void moveTo(String id, DockSide side) {
        Placement p = windows.remove(id);
        if (p == null) {
            throw new IllegalArgumentException("no tool window " + id);
        }
        windows.put(id, p); // last on its new side
        p.side = side;
        p.floating = false;
        p.shown = true;
        selected.put(side, id);
        changed();
    }

    /** Takes {@code id} out of its side into a window of its own; it remembers the side to dock back to. */
    public void setFloating(String id) {
        Placement p = at(id);
        p.floating = true;
        p.shown = true;
        changed();
    }

    /** Docks a floating window back on the side it came from. */
    public void dock(String id) {
        moveTo(id, at(id).side);
    }

    /** Where the floating window was last: x, y, width, height; null before it ever floated. */
    public double[] floatingBounds(String id) {
        double[] b = at(id).bounds;
        return b == null ? null : b.clone();
    }

    public void setFloatingBounds(String id, double x, double y, double w, double h) {
        at(id).bounds = new double[] {x, y, w, h};
    }

    public double size(DockSide side) {
        return sizes.get(side);
    }

    /** Remembers a side's size after the user dragged its divider (no listener runs). */
    public void setSize(DockSide side, double fraction) {
        if (fraction > 0.02 && fraction < 0.95) {
            sizes.put(side, fraction);
        }
    }

    /** Hides every tool window, or, when none shows, brings back the ones that hid that way. */
    public void toggleAll() {
        List<String> shown = windows.entrySet().stream().filter(e -> e.getValue().shown).map(Map.Entry::getKey).toList();
        if (!shown.isEmpty()) {
            hiddenByHideAll = shown;
            shown.forEach(id -> windows.get(id).shown = false);
        } else {
            hiddenByHideAll.stream().filter(windows::containsKey).forEach(id -> windows.get(id).shown = true);
            hiddenByHideAll = List.of();
        }
        changed();
    }

    // ---- persistence ----

    /** One tool window in the settings file. */
    public static final class WindowState {
        public String id;
        public String side;
        public boolean shown;
        public boolean floating;
        public double[] bounds;
    }

    /** The layout as the settings file stores it (Jackson maps the public fields). */
    public static final class State {
        /** In order: the order of tabs on each side. */
        public List<WindowState> windows = new ArrayList<>();
        public Map<String, String> selected = new LinkedHashMap<>();
        public Map<String, Double> sizes = new LinkedHashMap<>();
    }

    public State state() {
        State s = new State();
        windows.forEach((id, p) -> {
            WindowState w = new WindowState();
            w.id = id;
            w.side = p.side.name();
            w.shown = p.shown;
            w.floating = p.floating;
            w.bounds = p.bounds == null ? null : p.bounds.clone();
            s.windows.add(w);
        });
        selected.forEach((side, id) -> {
            if (id != null) {
                s.selected.put(side.name(), id);
            }
        });
        sizes.forEach((side, f) -> s.sizes.put(side.name(), f));
        return s;
    }

    /**
     * Puts the registered windows where {@code s} says; windows it does not know (new in this
     * version) keep their defaults, and names it has that no window has (gone) are skipped.
     */
    public void restore(State s) {
        if (s == null) {
            return;
        }
        Map<String, Placement> reordered = new LinkedHashMap<>();
        for (WindowState w : s.windows) {
            Placement p = w.id == null ? null : windows.get(w.id);
            DockSide side = parse(w.side);
            if (p == null || side == null || reordered.containsKey(w.id)) {
                continue;
            }
            p.side = side;
            p.shown = w.shown;
            p.floating = w.floating;
            p.bounds = w.bounds != null && w.bounds.length == 4 ? w.bounds.clone() : null;
            reordered.put(w.id, p);
        }
        windows.forEach(reordered::putIfAbsent);
        windows.clear();
        windows.putAll(reordered);
        s.selected.forEach((side, id) -> {
            DockSide d = parse(side);
            if (d != null && windows.containsKey(id)) {
                selected.put(d, id);
            }
        });
        s.sizes.forEach((side, f) -> {
            DockSide d = parse(side);
            if (d != null && f != null) {
                setSize(d, f);
            }
        });
        changed();
    }

    private static DockSide parse(String side) {
        try {
            return side == null ? null : DockSide.valueOf(side);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
