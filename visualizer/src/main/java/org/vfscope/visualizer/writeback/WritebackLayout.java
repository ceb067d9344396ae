package org.vfscope.visualizer.writeback;

import org.vfscope.visualizer.canvas.Texts;

/**
 * Where the writeback view puts things: the header, the chart of the last minute (x: kernel time,
 * y: pages), then one progress row per inode in writeback, scrolling.
 */
public record WritebackLayout(double chartTitleY, double chartX, double chartY, double chartW, double chartH,
                              double rowsTitleY, double rowsTop, double rowsHeight, double rowHeight, int rowCount) {
    public static final double MARGIN = 12;
    public static final double AXIS = 64;
    public static final double NAME_W = 260;
    public static final double BAR_W = 320;

    public static WritebackLayout of(int rows, double w, double h, double zoom) {
        double chartTitleY = Texts.HEADER_HEIGHT + 4;
        double chartY = chartTitleY + Texts.TITLE_HEIGHT + 8;
        double chartH = Math.max(80, (h - chartY) * 0.5);
        double chartX = MARGIN + AXIS;
        double chartW = Math.max(40, w - chartX - MARGIN - 130);
        double rowsTitleY = chartY + chartH + 30;
        double rowsTop = rowsTitleY + Texts.TITLE_HEIGHT;
        double rowHeight = Math.max(14, Math.round(26 * zoom));
        return new WritebackLayout(chartTitleY, chartX, chartY, chartW, chartH, rowsTitleY, rowsTop,
                Math.max(0, h - rowsTop), rowHeight, rows);
    }

    /** The chart's x for a kernel time, given the time at its right edge. */
    public double xOf(long timeNanos, long nowNanos) {
        double age = (double) (nowNanos - timeNanos) / WritebackModel.WINDOW_NANOS;
        return chartX + chartW * (1 - age);
    }

    /** The kernel time at chart x. */
    public long timeAt(double x, long nowNanos) {
        double frac = (x - chartX) / chartW;
        return nowNanos - (long) ((1 - frac) * WritebackModel.WINDOW_NANOS);
    }

    public boolean inChart(double x, double y) {
        return x >= chartX && x <= chartX + chartW && y >= chartY && y <= chartY + chartH;
    }

    public double contentHeight() {
        return rowCount * rowHeight;
    }

    public int firstRow(double scroll) {
        return (int) Math.max(0, Math.floor(scroll / rowHeight));
    }

    public int endRow(double scroll) {
        return (int) Math.min(rowCount, Math.ceil((scroll + rowsHeight) / rowHeight));
    }

    public double rowY(int row, double scroll) {
        return rowsTop + row * rowHeight - scroll;
    }

    /** The progress row at a point, or -1. */
    public int rowAt(double y, double scroll) {
        if (y < rowsTop) {
            return -1;
        }
        int row = (int) Math.floor((y - rowsTop + scroll) / rowHeight);
        return row < rowCount ? row : -1;
    }

    /** The upper end of the y axis: room for the throttle line and the highest sample. */
    public static long yMax(WritebackModel m) {
        long max = Math.max(16, m.dirtyThresh() + m.dirtyThresh() / 8);
        for (WritebackSample s : m.samples()) {
            max = Math.max(max, s.dirty() + s.writeback() + (s.dirty() + s.writeback()) / 10);
        }
        return max;
    }
}
