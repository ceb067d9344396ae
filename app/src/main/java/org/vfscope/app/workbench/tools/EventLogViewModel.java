package org.vfscope.app.workbench.tools;

import java.util.ArrayList;
import java.util.List;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import org.vfscope.app.workbench.explorer.NameFilter;
import org.vfscope.trace.TraceEvent;

/**
 * The event log: the trace ring's events as they arrive (from the cache views' feed), the newest
 * {@value #MAX_ROWS} kept, filterable by kind or text, pausable.
 */
public final class EventLogViewModel {
    public static final int MAX_ROWS = 5000;

    private final ObservableList<EventRow> rows = FXCollections.observableArrayList();
    private final FilteredList<EventRow> shown = new FilteredList<>(rows);
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final BooleanProperty paused = new SimpleBooleanProperty(this, "paused", false);
    private long missed;

    public EventLogViewModel() {
        filter.addListener((o, was, now) -> {
            NameFilter f = NameFilter.of(now);
            shown.setPredicate(r -> f.test(r.kind()) || f.test(r.detail()));
        });
    }

    public ObservableList<EventRow> rows() {
        return rows;
    }

    public FilteredList<EventRow> shown() {
        return shown;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public BooleanProperty pausedProperty() {
        return paused;
    }

    public long missed() {
        return missed;
    }

    /** Appends a frame's events (call on the FX thread). */
    public void append(List<TraceEvent> events, long missedEvents) {
        missed += missedEvents;
        if (paused.get() || events.isEmpty()) {
            return;
        }
        List<TraceEvent> tail = events.size() > MAX_ROWS ? events.subList(events.size() - MAX_ROWS, events.size()) : events;
        List<EventRow> add = new ArrayList<>(tail.size());
        for (TraceEvent e : tail) {
            add.add(EventRow.of(e));
        }
        rows.addAll(add);
        int over = rows.size() - MAX_ROWS;
        if (over > 0) {
            rows.remove(0, over);
        }
    }

    public void clear() {
        rows.clear();
    }
}
