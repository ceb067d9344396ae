package org.vfscope.visualizer.canvas;

import java.util.Objects;
import org.vfscope.visualizer.Selection;

/**
 * What is under the pointer: the tooltip's text (lines separated by '\n') and what a click there
 * would select (null when the spot shows something that cannot be selected, like a chart).
 */
public record Hit(String tooltip, Selection selection) {

    public Hit {
        Objects.requireNonNull(tooltip, "tooltip");
    }
}
