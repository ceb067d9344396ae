package org.vfscope.visualizer.block;

import org.vfscope.visualizer.canvas.CellGrid;
import org.vfscope.visualizer.canvas.Texts;

/**
 * Where the block I/O view puts things: the header, the device map (which scrolls when zoomed
 * past its area), then the latency histogram and the queue depth chart side by side.
 */
public record BlockIoLayout(double mapTitleY, double mapTop, double mapHeight, CellGrid map, double chartsTitleY,
                            double chartsTop, double chartsHeight, double histX, double histW, double queueX,
                            double queueW) {
    public static final double MARGIN = 12;

    public static BlockIoLayout of(int cells, double w, double h, double zoom) {
        double usableW = Math.max(20, w - 2 * MARGIN);
        double mapTitleY = Texts.HEADER_HEIGHT + 4;
        double mapTop = mapTitleY + Texts.TITLE_HEIGHT;
        double mapHeight = Math.max(40, (h - mapTop) * 0.55);
        double cell = Math.max(2, Math.round(CellGrid.cellToFit(usableW, mapHeight, cells, 3, 18, 0.12) * zoom));
        double gap = cell >= 8 ? 1 : 0;
        CellGrid map = CellGrid.fit(MARGIN, 0, usableW, cell, gap, cells);
        double chartsTitleY = mapTop + mapHeight + MARGIN;
        double chartsTop = chartsTitleY + Texts.TITLE_HEIGHT + 6;
        double chartsHeight = Math.max(40, h - chartsTop - 34);
        double half = (usableW - 3 * MARGIN) / 2;
        return new BlockIoLayout(mapTitleY, mapTop, mapHeight, map, chartsTitleY, chartsTop, chartsHeight,
                MARGIN + 56, half - 56, MARGIN + half + 3 * MARGIN + 40, half - 40);
    }

    public double contentHeight() {
        return map.height();
    }

    /** The map cell at a canvas point with the map scrolled by {@code scroll}, or -1. */
    public int cellAt(double x, double y, double scroll) {
        if (y < mapTop || y >= mapTop + mapHeight) {
            return -1;
        }
        return map.indexAt(x, y - mapTop + scroll);
    }

    /** The latency histogram bucket under a point, or -1. */
    public int bucketAt(double x, double y, int firstBucket, int buckets) {
        if (y < chartsTop || y > chartsTop + chartsHeight || x < histX || x >= histX + histW) {
            return -1;
        }
        return firstBucket + (int) ((x - histX) / (histW / buckets));
    }
}
