package org.vfscope.visualizer.page;

import java.util.Set;
import javafx.scene.paint.Color;
import org.vfscope.mm.FolioFlag;
import org.vfscope.visualizer.Palette;
import org.vfscope.visualizer.canvas.CellRaster;

/**
 * How a page looks: filled with its file's colour, with marks in black or white (whichever
 * reads on that colour) once a cell is 6 px or more: a corner triangle when dirty, a band along
 * the bottom under writeback, a dot when referenced, a bar on the left at the readahead marker,
 * an outline when locked. Shapes, not hues, carry the flags, so they read for colour-blind eyes.
 */
public final class PageCellPainter {
    private static final int[] FILL = new int[Palette.FILE_COLORS.size()];
    private static final int[] INK = new int[Palette.FILE_COLORS.size()];

    static {
        for (int i = 0; i < FILL.length; i++) {
            Color c = Palette.FILE_COLORS.get(i);
            FILL[i] = Palette.argb(c);
            INK[i] = Palette.argb(Palette.inkOn(c));
        }
    }

    private PageCellPainter() {
    }

    public static int fillOf(int color) {
        return FILL[color];
    }

    public static final int DIRTY = 1;
    public static final int WRITEBACK = 2;
    public static final int REFERENCED = 4;
    public static final int READAHEAD = 8;
    public static final int LOCKED = 16;

    /** The marks a page's flags call for, as bits: computed once per frame, off the FX thread. */
    public static int marks(Set<FolioFlag> flags) {
        int m = 0;
        for (FolioFlag f : flags) {
            m |= switch (f) {
                case DIRTY -> DIRTY;
                case WRITEBACK -> WRITEBACK;
                case REFERENCED -> REFERENCED;
                case READAHEAD -> READAHEAD;
                case LOCKED -> LOCKED;
                default -> 0;
            };
        }
        return m;
    }

    public static void paint(CellRaster r, int x, int y, int s, int color, Set<FolioFlag> flags) {
        paint(r, x, y, s, color, marks(flags));
    }

    public static void paint(CellRaster r, int x, int y, int s, int color, int marks) {
        paint(r, x, y, s, FILL[color], INK[color], marks);
    }

    /** A cell of any fill, as the legend draws a mark on no file's colour. */
    public static void paint(CellRaster r, int x, int y, int s, int fill, int ink, int marks) {
        r.fill(x, y, s, s, fill);
        if (s < 6) {
            return;
        }
        if ((marks & DIRTY) != 0) {
            int t = s / 2 + 1;
            for (int row = 0; row < t; row++) {
                r.fill(x + s - t + row, y + row, t - row, 1, ink);
            }
        }
        if ((marks & WRITEBACK) != 0) {
            int band = Math.max(2, s / 4);
            r.fill(x, y + s - band, s, band, ink);
        }
        if ((marks & REFERENCED) != 0) {
            int dot = Math.max(2, s / 3);
            r.fill(x + 2, y + 2, dot, dot, ink);
        }
        if ((marks & READAHEAD) != 0) {
            r.fill(x, y, Math.max(2, s / 6), s, ink);
        }
        if ((marks & LOCKED) != 0) {
            r.outline(x, y, s, s, ink);
        }
    }

    /** A page the file has but the cache does not: an empty cell. */
    public static void paintAbsent(CellRaster r, int x, int y, int s, int emptyArgb, int gridArgb) {
        r.fill(x, y, s, s, emptyArgb);
        if (s >= 6) {
            r.outline(x, y, s, s, gridArgb);
        }
    }
}
