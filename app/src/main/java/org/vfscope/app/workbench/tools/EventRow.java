package org.vfscope.app.workbench.tools;

import java.util.Locale;

import org.vfscope.trace.TraceEvent;

/** One line of the event log: kernel time in ms, the event's kind and its fields. */
public record EventRow(double timeMs, String kind, String detail) {
    public static EventRow of(TraceEvent e) {
        String text = e.toString();
        int paren = text.indexOf('[');
        String kind = e.getClass().getSimpleName();
        String detail = paren >= 0 && text.endsWith("]") ? text.substring(paren + 1, text.length() - 1) : text;
        return new EventRow(e.timeNanos() / 1e6, kind, detail.replaceAll("timeNanos=\\d+,?\\s*", ""));
    }

    public String timeText() {
        return String.format(Locale.ROOT, "%.3f", timeMs);
    }
}
