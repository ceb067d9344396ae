package org.vfscope.visualizer.canvas;

/**
 * {@code count} square cells laid out left to right, top to bottom, from {@code (x, y)} in rows
 * of {@code columns}; each cell is {@code cell} wide with {@code gap} after it. Pure arithmetic:
 * where cell i is, and which cell a point falls on (gaps belong to no cell).
 */
public record CellGrid(double x, double y, int columns, double cell, double gap, int count) {

    public CellGrid {
        if (columns < 1 || cell <= 0 || gap < 0 || count < 0) {
            throw new IllegalArgumentException("bad grid: " + columns + " columns, cell " + cell + ", gap " + gap
                    + ", count " + count);
        }
    }

    /** As many columns of {@code cell} (plus gap) as fit in {@code width}; at least one. */
    public static CellGrid fit(double x, double y, double width, double cell, double gap, int count) {
        int columns = (int) Math.max(1, Math.floor((width + gap) / (cell + gap)));
        return new CellGrid(x, y, columns, cell, gap, count);
    }

    /**
     * The largest cell size in {@code [minCell, maxCell]} at which {@code count} cells fit in
     * {@code width x height}; {@code minCell} when none does.
     */
    public static double cellToFit(double width, double height, int count, double minCell, double maxCell,
                                   double gapRatio) {
        for (double c = maxCell; c > minCell; c = Math.floor(c * 0.9)) {
            double gap = Math.floor(c * gapRatio);
            int cols = (int) Math.max(1, Math.floor((width + gap) / (c + gap)));
            long rows = (count + cols - 1L) / cols;
            if (rows * (c + gap) <= height) {
                return c;
            }
        }
        return minCell;
    }

    public int rows() {
        return count == 0 ? 0 : (count + columns - 1) / columns;
    }

    public double pitch() {
        return cell + gap;
    }

    public double width() {
        return Math.min(count, columns) * pitch() - (count == 0 ? 0 : gap);
    }

    public double height() {
        return rows() * pitch() - (count == 0 ? 0 : gap);
    }

    public double cellX(int i) {
        return x + (i % columns) * pitch();
    }

    public double cellY(int i) {
        return y + (double) (i / columns) * pitch();
    }

    /** The cell under {@code (px, py)}, or -1 for a gap, a point outside, or past the last cell. */
    public int indexAt(double px, double py) {
        double dx = px - x;
        double dy = py - y;
        if (dx < 0 || dy < 0) {
            return -1;
        }
        int col = (int) (dx / pitch());
        int row = (int) (dy / pitch());
        if (col >= columns || dx - col * pitch() >= cell || dy - row * pitch() >= cell) {
            return -1;
        }
        long i = (long) row * columns + col;
        return i < count ? (int) i : -1;
    }

    /** The first cell of the row at content height {@code py} (clamped to the grid). */
    public int firstIndexAtOrBelow(double py) {
        int row = (int) Math.max(0, Math.floor((py - y) / pitch()));
        return (int) Math.min(count, (long) row * columns);
    }

    /** One past the last cell of the row at content height {@code py} (clamped to the grid). */
    public int endIndexAtOrAbove(double py) {
        if (py < y) {
            return 0;
        }
        long row = (long) Math.floor((py - y) / pitch());
        return (int) Math.min(count, (row + 1) * columns);
    }
}
