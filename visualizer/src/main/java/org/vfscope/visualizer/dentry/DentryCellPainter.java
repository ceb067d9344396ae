package org.vfscope.visualizer.dentry;

import javafx.scene.paint.Color;
import org.vfscope.trace.DentryInfo;
import org.vfscope.vfs.dcache.DentryFlag;
import org.vfscope.visualizer.Palette;
import org.vfscope.visualizer.canvas.CellRaster;

/**
 * A dentry as a cell: its state's colour; a diagonal stroke when negative and a dot when
 * REFERENCED (second chance), so the shapes tell what the colours tell.
 */
public final class DentryCellPainter {
    private DentryCellPainter() {
    }

    public static void paint(CellRaster r, int x, int y, int s, DentryInfo d) {
        Color fill = DentryStyle.of(d.state());
        r.fill(x, y, s, s, Palette.argb(fill));
        if (s < 6) {
            return;
        }
        int ink = Palette.argb(Palette.inkOn(fill));
        if (d.state().isNegative()) {
            for (int i = 1; i < s - 1; i++) {
                r.fill(x + s - 1 - i, y + i, 2, 1, ink);
            }
        }
        if (d.flags().contains(DentryFlag.REFERENCED)) {
            int dot = Math.max(2, s / 4);
            r.fill(x + 2, y + 2, dot, dot, ink);
        }
    }
}
