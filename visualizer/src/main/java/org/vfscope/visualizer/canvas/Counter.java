package org.vfscope.visualizer.canvas;

import java.util.Objects;

/** A labelled number in a view's header: "dirty pages" / "1,024". */
public record Counter(String label, String value) {

    public Counter {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(value, "value");
    }

    public static Counter of(String label, long value) {
        return new Counter(label, Format.count(value));
    }
}
