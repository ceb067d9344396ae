package org.vfscope.visualizer.page;

import org.vfscope.visualizer.canvas.CellGrid;
import org.vfscope.visualizer.canvas.Texts;

/**
 * Where the page cache view puts things: under the header, the active strip, the inactive strip
 * and the page map, each under its title, in a column that scrolls. Cells are sized so everything
 * fits when it can (between 3 and 28 px), then scaled by the zoom. Grid coordinates are content
 * coordinates: add {@link #top()} and subtract the scroll to get canvas coordinates.
 */
public record PageCacheLayout(double top, double viewHeight, double cell, CellGrid active, CellGrid inactive,
                              CellGrid map, double contentHeight) {
    public static final double MARGIN = 12;
    /** The page map shows at most this many pages of a file. */
    public static final int MAX_MAP_CELLS = 1 << 17;

    /** Which part of the view a point is on. */
    public enum Part { ACTIVE, INACTIVE, MAP }

    /** A cell of a part. */
    public record Target(Part part, int index) {
    }

    public static PageCacheLayout of(int nActive, int nInactive, long mapLength, double w, double h, double zoom) {
        double top = Texts.HEADER_HEIGHT;
        int nMap = (int) Math.min(MAX_MAP_CELLS, mapLength);
        double usableW = Math.max(20, w - 2 * MARGIN);
        double usableH = Math.max(20, h - top - 3 * (Texts.TITLE_HEIGHT + MARGIN) - 3 * 16);
        // Each strip wastes up to a row, so fit as if three partial rows were full.
        double fit = CellGrid.cellToFit(usableW, usableH, nActive + nInactive + nMap, 3, 28, 0.12);
        double cell = Math.max(2, Math.round(fit * zoom));
        double gap = cell >= 10 ? 2 : cell >= 5 ? 1 : 0;
        double y = MARGIN / 2 + Texts.TITLE_HEIGHT;
        CellGrid active = CellGrid.fit(MARGIN, y, usableW, cell, gap, nActive);
        y += height(active) + MARGIN + Texts.TITLE_HEIGHT;
        CellGrid inactive = CellGrid.fit(MARGIN, y, usableW, cell, gap, nInactive);
        y += height(inactive) + MARGIN + Texts.TITLE_HEIGHT;
        CellGrid map = CellGrid.fit(MARGIN, y, usableW, cell, gap, nMap);
        y += height(map) + MARGIN;
        return new PageCacheLayout(top, h - top, cell, active, inactive, map, y);
    }

    /** An empty strip still takes a line, for its "(empty)" note to sit beside the title. */
    private static double height(CellGrid g) {
        return Math.max(g.height(), 4);
    }

    /** The cell at canvas point {@code (x, y)} with the content scrolled by {@code scroll}, or null. */
    public Target hit(double x, double y, double scroll) {
        if (y < top) {
            return null;
        }
        double cy = y - top + scroll;
        int i = active.indexAt(x, cy);
        if (i >= 0) {
            return new Target(Part.ACTIVE, i);
        }
        i = inactive.indexAt(x, cy);
        if (i >= 0) {
            return new Target(Part.INACTIVE, i);
        }
        i = map.indexAt(x, cy);
        return i >= 0 ? new Target(Part.MAP, i) : null;
    }
}
