package org.vfscope.app.workbench.action;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Find Action (Ctrl+Shift+A): the registry's actions that match what was typed, best first.
 * A match is the whole text in the title (best at its start), every word in "category title",
 * or the letters in order ("encom" finds "Enable editing"... "Commit").
 */
public final class PaletteViewModel {
    private final ActionRegistry registry;
    private final StringProperty query = new SimpleStringProperty(this, "query", "");
    private final ObservableList<Action> results = FXCollections.observableArrayList();

    public PaletteViewModel(ActionRegistry registry) {
        this.registry = registry;
        query.addListener((o, was, now) -> results.setAll(search(now)));
        results.setAll(search(""));
    }

    public StringProperty queryProperty() {
        return query;
    }

    public ObservableList<Action> results() {
        return results;
    }

    /** Runs the action if enabled; says whether it ran. */
    public boolean run(Action a) {
        return a != null && a.runIfEnabled();
    }

    public List<Action> search(String text) {
        String q = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        record Scored(Action action, int score) {
        }
        List<Scored> out = new ArrayList<>();
        for (Action a : registry.all()) {
            int s = score(a, q);
            if (s > 0) {
                out.add(new Scored(a, s));
            }
        }
        out.sort(Comparator.comparingInt((Scored s) -> -s.score()).thenComparing(s -> s.action().title()));
        return out.stream().map(Scored::action).toList();
    }

    static int score(Action a, String q) {
        if (q.isEmpty()) {
            return 1;
        }
        String title = a.title().toLowerCase(Locale.ROOT).replace("…", "");
        String all = (a.category() + " " + title + " " + a.id()).toLowerCase(Locale.ROOT);
        int at = title.indexOf(q);
        if (at == 0) {
            return 1000;
        }
        if (at > 0) {
            return 800 - Math.min(at, 100);
        }
        boolean words = true;
        for (String w : q.split("\\s+")) {
            words &= all.contains(w);
        }
        if (words) {
            return 500;
        }
        return isSubsequence(q.replace(" ", ""), title) ? 100 : 0;
    }

    private static boolean isSubsequence(String q, String s) {
        int i = 0;
        for (int j = 0; j < s.length() && i < q.length(); j++) {
            if (s.charAt(j) == q.charAt(i)) {
                i++;
            }
        }
        return i == q.length();
    }
}
