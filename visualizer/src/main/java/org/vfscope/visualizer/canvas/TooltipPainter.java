package org.vfscope.visualizer.canvas;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import org.vfscope.visualizer.Theme;

/**
 * The hover box, drawn on the canvas beside the pointer (flipped to stay inside), large enough to
 * read from the back of a hall: no delay, no window of its own, repainted with the view.
 */
final class TooltipPainter {
    static final Font FONT = Font.font("System", 15);
    private static final double PAD = 8;
    private static final double OFFSET = 18;
    private final Text measure = new Text();

    void paint(GraphicsContext g, Theme theme, String text, double mx, double my, double w, double h) {
        String[] lines = text.split("\n");
        measure.setFont(FONT);
        double textW = 0;
        for (String line : lines) {
            measure.setText(line);
            textW = Math.max(textW, measure.getLayoutBounds().getWidth());
        }
        double lineH = Math.ceil(FONT.getSize() * 1.3);
        double boxW = textW + 2 * PAD;
        double boxH = lines.length * lineH + 2 * PAD;
        double x = mx + OFFSET + boxW > w ? mx - OFFSET - boxW : mx + OFFSET;
        double y = my + OFFSET + boxH > h ? my - OFFSET - boxH : my + OFFSET;
        x = Math.max(2, Math.min(x, w - boxW - 2));
        y = Math.max(2, Math.min(y, h - boxH - 2));
        g.setFill(theme.surface());
        g.fillRoundRect(x, y, boxW, boxH, 8, 8);
        g.setStroke(theme.grid());
        g.setLineWidth(1);
        g.strokeRoundRect(x + 0.5, y + 0.5, boxW - 1, boxH - 1, 8, 8);
        g.setFill(theme.text());
        g.setFont(FONT);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        for (int i = 0; i < lines.length; i++) {
            g.fillText(lines[i], x + PAD, y + PAD + i * lineH);
        }
    }
}
