package org.vfscope.visualizer.dentry;

import org.vfscope.visualizer.canvas.CellGrid;
import org.vfscope.visualizer.canvas.Texts;

/**
 * Where the dentry cache view puts things, in canvas coordinates: the header; the LRU strip
 * (up to about a quarter of the height; entries past what fits are counted, not drawn); then
 * the tree outline, one row per dentry, which scrolls.
 */
public record DentryCacheLayout(double lruTitleY, CellGrid lru, int lruTotal, double treeTitleY, double treeTop,
                                double treeHeight, double rowHeight, int rowCount) {
    public static final double MARGIN = 12;
    public static final double INDENT = 18;

    /** Which part a point is on. */
    public enum Part { LRU, ROW }

    public record Target(Part part, int index) {
    }

    public static DentryCacheLayout of(int nLru, int nRows, double w, double h, double zoom) {
        double usableW = Math.max(20, w - 2 * MARGIN);
        double lruTitleY = Texts.HEADER_HEIGHT + 4;
        double lruTop = lruTitleY + Texts.TITLE_HEIGHT;
        double lruMaxH = Math.max(40, (h - lruTop) * 0.28);
        double cell = Math.max(3, Math.min(48, Math.round(CellGrid.cellToFit(usableW, lruMaxH, nLru, 4, 18, 0.15) * zoom)));
        double gap = cell >= 10 ? 2 : cell >= 5 ? 1 : 0;
        CellGrid probe = CellGrid.fit(MARGIN, lruTop, usableW, cell, gap, nLru);
        int rowsFit = (int) Math.max(1, Math.floor((lruMaxH + gap) / probe.pitch()));
        int shown = (int) Math.min(nLru, (long) rowsFit * probe.columns());
        CellGrid lru = new CellGrid(MARGIN, lruTop, probe.columns(), cell, gap, shown);
        double treeTitleY = lruTop + Math.max(lru.height(), 4) + MARGIN;
        double treeTop = treeTitleY + Texts.TITLE_HEIGHT;
        double rowHeight = Math.max(12, Math.round(24 * zoom));
        return new DentryCacheLayout(lruTitleY, lru, nLru, treeTitleY, treeTop, Math.max(0, h - treeTop), rowHeight,
                nRows);
    }

    public double contentHeight() {
        return rowCount * rowHeight;
    }

    /** The first row drawn when the tree is scrolled by {@code scroll}. */
    public int firstRow(double scroll) {
        return (int) Math.max(0, Math.floor(scroll / rowHeight));
    }

    /** One past the last row drawn. */
    public int endRow(double scroll) {
        return (int) Math.min(rowCount, Math.ceil((scroll + treeHeight) / rowHeight));
    }

    /** The y of a row's top on the canvas. */
    public double rowY(int row, double scroll) {
        return treeTop + row * rowHeight - scroll;
    }

    public Target hit(double x, double y, double scroll) {
        int i = lru.indexAt(x, y);
        if (i >= 0) {
            return new Target(Part.LRU, i);
        }
        if (y >= treeTop && x >= MARGIN / 2) {
            int row = (int) Math.floor((y - treeTop + scroll) / rowHeight);
            if (row >= 0 && row < rowCount) {
                return new Target(Part.ROW, row);
            }
        }
        return null;
    }
}
