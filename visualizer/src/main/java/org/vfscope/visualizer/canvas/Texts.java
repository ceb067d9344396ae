package org.vfscope.visualizer.canvas;

import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import org.vfscope.visualizer.Theme;

/** The text every view draws the same way: the header of counters and the section titles. */
public final class Texts {
    public static final double HEADER_HEIGHT = 50;
    public static final double TITLE_HEIGHT = 24;
    public static final Font LABEL = Font.font("System", 13);
    public static final Font VALUE = Font.font("System", FontWeight.BOLD, 20);
    public static final Font TITLE = Font.font("System", FontWeight.BOLD, 15);
    public static final Font BODY = Font.font("System", 14);
    public static final Font SMALL = Font.font("System", 12);
    private static final Text MEASURE = new Text();

    private Texts() {
    }

    /** The counters in a row from {@code x}, each as wide as its longer line; stops at {@code maxX}. */
    public static void header(GraphicsContext g, Theme theme, List<Counter> counters, double x, double y,
                              double maxX) {
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        double at = x;
        for (Counter c : counters) {
            double w = Math.max(width(c.label(), LABEL), width(c.value(), VALUE)) + 22;
            if (at + w - 22 > maxX) {
                break;
            }
            g.setFill(theme.mutedText());
            g.setFont(LABEL);
            g.fillText(c.label(), at, y + 4);
            g.setFill(theme.text());
            g.setFont(VALUE);
            g.fillText(c.value(), at, y + 21);
            at += w;
        }
        g.setStroke(theme.grid());
        g.setLineWidth(1);
        g.strokeLine(x, y + HEADER_HEIGHT - 2.5, maxX, y + HEADER_HEIGHT - 2.5);
    }

    /** A bold title with a muted note after it. */
    public static void title(GraphicsContext g, Theme theme, String title, String note, double x, double y) {
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        g.setFill(theme.text());
        g.setFont(TITLE);
        g.fillText(title, x, y + 3);
        if (note != null && !note.isEmpty()) {
            g.setFill(theme.mutedText());
            g.setFont(BODY);
            g.fillText(note, x + width(title, TITLE) + 10, y + 4);
        }
    }

    /** The width of {@code s} in {@code font}. */
    public static double width(String s, Font font) {
        MEASURE.setFont(font);
        MEASURE.setText(s);
        return MEASURE.getLayoutBounds().getWidth();
    }
}
