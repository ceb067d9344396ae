package org.vfscope.visualizer.canvas;

import java.util.Objects;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import org.vfscope.visualizer.Theme;

/** One line of a legend: a swatch drawn the way the view draws the thing, and its meaning. */
public record LegendEntry(String label, Swatch swatch) {

    /** Paints the swatch in a {@code size x size} square at the origin. */
    @FunctionalInterface
    public interface Swatch {
        void paint(GraphicsContext g, double size, Theme theme);
    }

    public LegendEntry {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(swatch, "swatch");
    }

    /** A filled square. */
    public static LegendEntry fill(String label, Color color) {
        return new LegendEntry(label, new FillSwatch(color));
    }

    /** A horizontal line, solid or dashed, as a chart draws it. */
    public static LegendEntry line(String label, Color color, boolean dashed) {
        return new LegendEntry(label, new LineSwatch(color, dashed));
    }

    /**
     * Swatches that are values, so a legend rebuilt each frame with the same files equals the
     * one shown and is not laid out again.
     */
    private record FillSwatch(Color color) implements Swatch {
        @Override
        public void paint(GraphicsContext g, double s, Theme t) {
            g.setFill(color);
            g.fillRect(1, 1, s - 2, s - 2);
        }
    }

    private record LineSwatch(Color color, boolean dashed) implements Swatch {
        @Override
        public void paint(GraphicsContext g, double s, Theme t) {
            g.setStroke(color);
            g.setLineWidth(3);
            g.setLineDashes(dashed ? new double[] {4, 3} : null);
            g.strokeLine(0, s / 2, s, s / 2);
            g.setLineDashes((double[]) null);
        }
    }

    /** A swatch painted from a raster, as the cells themselves are. */
    public static LegendEntry cell(String label, CellPainter painter) {
        return new LegendEntry(label, (g, s, t) -> {
            CellRaster r = new CellRaster();
            int size = (int) s;
            r.reset(size, size, org.vfscope.visualizer.Palette.argb(t.background()));
            painter.paint(r, 1, 1, size - 2, t);
            r.drawTo(g, 0, 0);
        });
    }

    /** Paints one cell of {@code size} at {@code (x, y)} into a raster. */
    @FunctionalInterface
    public interface CellPainter {
        void paint(CellRaster raster, int x, int y, int size, Theme theme);
    }
}
