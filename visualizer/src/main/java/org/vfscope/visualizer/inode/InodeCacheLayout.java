package org.vfscope.visualizer.inode;

import java.util.List;
import org.vfscope.trace.InodeInfo;
import org.vfscope.trace.InodeIoList;
import org.vfscope.vfs.icache.InodeState;
import org.vfscope.visualizer.canvas.CellGrid;
import org.vfscope.visualizer.canvas.Texts;

/**
 * Where the inode view puts things, in canvas coordinates: the header; the inode LRU strip; the
 * four writeback lists, one line each, as chips in list order; then the table of cached inodes
 * (one row each, scrolling) whose last column holds the i_state chips.
 */
public record InodeCacheLayout(double lruTitleY, CellGrid lru, int lruTotal, double listsTitleY, double listsTop,
                               double tableTitleY, double tableTop, double tableHeight, double rowHeight,
                               int rowCount, double width) {
    public static final double MARGIN = 12;
    public static final double LIST_LINE = 30;
    public static final double LIST_LABEL = 170;
    public static final double LIST_CHIP = 136;
    public static final double COLUMN_HEADER = 22;
    /** The table's columns: x of ino, name, type, count, nlink, size, pages, writeback list, i_state. */
    public static final double[] COLUMNS = {12, 80, 330, 385, 445, 505, 600, 780, 980};
    public static final List<String> COLUMN_NAMES =
            List.of("ino", "name", "type", "count", "nlink", "size", "pages cached / dirty", "writeback list", "i_state");

    public enum Part { LRU, LIST, ROW, CHIP }

    /** What a point is on: a part, the inode's index there (list index for LIST), and a chip's bit. */
    public record Target(Part part, int list, int index, InodeState chip) {
    }

    public static InodeCacheLayout of(int nLru, int nRows, double w, double h, double zoom) {
        double usableW = Math.max(20, w - 2 * MARGIN);
        double lruTitleY = Texts.HEADER_HEIGHT + 4;
        double lruTop = lruTitleY + Texts.TITLE_HEIGHT;
        double lruMaxH = Math.max(20, (h - lruTop) * 0.14);
        double cell = Math.max(3, Math.min(40, Math.round(CellGrid.cellToFit(usableW, lruMaxH, nLru, 4, 20, 0.15) * zoom)));
        double gap = cell >= 10 ? 2 : cell >= 5 ? 1 : 0;
        CellGrid probe = CellGrid.fit(MARGIN, lruTop, usableW, cell, gap, nLru);
        int rowsFit = (int) Math.max(1, Math.floor((lruMaxH + gap) / probe.pitch()));
        CellGrid lru = new CellGrid(MARGIN, lruTop, probe.columns(), cell, gap,
                (int) Math.min(nLru, (long) rowsFit * probe.columns()));
        double listsTitleY = lruTop + Math.max(lru.height(), 4) + MARGIN;
        double listsTop = listsTitleY + Texts.TITLE_HEIGHT;
        double tableTitleY = listsTop + 4 * LIST_LINE + MARGIN;
        double tableTop = tableTitleY + Texts.TITLE_HEIGHT + COLUMN_HEADER;
        double rowHeight = Math.max(14, Math.round(26 * zoom));
        return new InodeCacheLayout(lruTitleY, lru, nLru, listsTitleY, listsTop, tableTitleY, tableTop,
                Math.max(0, h - tableTop), rowHeight, nRows, w);
    }

    public double contentHeight() {
        return rowCount * rowHeight;
    }

    public int firstRow(double scroll) {
        return (int) Math.max(0, Math.floor(scroll / rowHeight));
    }

    public int endRow(double scroll) {
        return (int) Math.min(rowCount, Math.ceil((scroll + tableHeight) / rowHeight));
    }

    public double rowY(int row, double scroll) {
        return tableTop + row * rowHeight - scroll;
    }

    public double listY(int list) {
        return listsTop + list * LIST_LINE;
    }

    /** How many chips fit on a writeback list's line. */
    public int listChipsShown(int count) {
        int fit = (int) Math.max(0, Math.floor((width - MARGIN - LIST_LABEL - 70) / LIST_CHIP));
        return Math.min(count, fit);
    }

    public double listChipX(int i) {
        return MARGIN + LIST_LABEL + i * LIST_CHIP;
    }

    /** The x of each chip of a row, in the order of {@code state}. */
    public static double chipX(List<InodeState> state, int i) {
        double x = COLUMNS[8];
        for (int k = 0; k < i; k++) {
            x += InodeStateStyle.chipWidth(state.get(k)) + 4;
        }
        return x;
    }

    /**
     * @param listSizes the lengths of b_dirty, b_io, b_more_io, b_dirty_time
     * @param rows      the table's inodes, to find a chip under the point
     */
    public Target hit(double x, double y, double scroll, int[] listSizes, List<InodeInfo> rows) {
        int i = lru.indexAt(x, y);
        if (i >= 0) {
            return new Target(Part.LRU, -1, i, null);
        }
        if (y >= listsTop && y < listsTop + 4 * LIST_LINE) {
            int list = (int) ((y - listsTop) / LIST_LINE);
            double dx = x - MARGIN - LIST_LABEL;
            int chip = dx < 0 ? -1 : (int) (dx / LIST_CHIP);
            if (chip >= 0 && chip < listChipsShown(listSizes[list]) && dx - chip * LIST_CHIP < LIST_CHIP - 6) {
                return new Target(Part.LIST, list, chip, null);
            }
            return null;
        }
        if (y >= tableTop) {
            int row = (int) Math.floor((y - tableTop + scroll) / rowHeight);
            if (row < 0 || row >= rowCount) {
                return null;
            }
            List<InodeState> state = List.copyOf(rows.get(row).state());
            for (int k = 0; k < state.size(); k++) {
                double cx = chipX(state, k);
                if (x >= cx && x < cx + InodeStateStyle.chipWidth(state.get(k))) {
                    return new Target(Part.CHIP, -1, row, state.get(k));
                }
            }
            return new Target(Part.ROW, -1, row, null);
        }
        return null;
    }

    static InodeIoList listAt(int i) {
        return InodeCacheModelBuilder.LISTS.get(i);
    }
}
