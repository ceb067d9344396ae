package org.vfscope.visualizer.block;

import javafx.scene.paint.Color;
import org.vfscope.visualizer.Palette;
import org.vfscope.visualizer.Theme;

/** What a device block holds, as the filesystem on it says; UNKNOWN when nobody said. */
public enum BlockKind {
    METADATA, DATA, FREE, UNKNOWN;

    public Color color(Theme theme) {
        return switch (this) {
            case METADATA -> Palette.REDDISH_PURPLE;
            case DATA -> Palette.BLUE;
            case FREE -> theme.emptyCell();
            case UNKNOWN -> theme.grid();
        };
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
