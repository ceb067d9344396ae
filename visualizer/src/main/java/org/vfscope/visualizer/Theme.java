package org.vfscope.visualizer;

import javafx.scene.paint.Color;

/**
 * The neutral colours of a view; the data colours come from {@link Palette} and are the same in
 * both themes. Contrast is chosen for a projector: text is near black on white, near white on dark.
 */
public enum Theme {
    LIGHT(Color.web("#ffffff"), Color.web("#eef0f3"), Color.web("#111318"), Color.web("#50545c"),
            Color.web("#c4c8cf"), Color.web("#dde0e5")),
    DARK(Color.web("#17181b"), Color.web("#26282c"), Color.web("#f1f2f4"), Color.web("#a9adb5"),
            Color.web("#4a4d54"), Color.web("#34363b"));

    private final Color background;
    private final Color surface;
    private final Color text;
    private final Color mutedText;
    private final Color grid;
    private final Color emptyCell;

    Theme(Color background, Color surface, Color text, Color mutedText, Color grid, Color emptyCell) {
        this.background = background;
        this.surface = surface;
        this.text = text;
        this.mutedText = mutedText;
        this.grid = grid;
        this.emptyCell = emptyCell;
    }

    public Color background() {
        return background;
    }

    /** Panels drawn on the background: the tooltip, section headers. */
    public Color surface() {
        return surface;
    }

    public Color text() {
        return text;
    }

    public Color mutedText() {
        return mutedText;
    }

    /** Axes, outlines, separators. */
    public Color grid() {
        return grid;
    }

    /** A cell that holds nothing: a page not cached, a free block. */
    public Color emptyCell() {
        return emptyCell;
    }

    /** The outline of the selected object: the strongest contrast the theme has. */
    public Color selection() {
        return this == LIGHT ? Color.BLACK : Color.WHITE;
    }

    public Theme other() {
        return this == LIGHT ? DARK : LIGHT;
    }
}
