package org.vfscope.visualizer;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * A row of named counters ("dentries 1,204", "dirty pages 12", ...) drawn on one {@link Canvas}.
 *
 * <p>Setting counters only requests a layout; the strip repaints in {@link #layoutChildren()},
 * so any number of updates within one pulse cost one repaint.
 */
public final class CounterStrip extends Region {

    /** One labelled number in the strip. */
    public record Counter(String label, long value) {
        public Counter {
            Objects.requireNonNull(label, "label");
        }
    }

    static final double CELL_WIDTH = 120;
    static final double CELL_HEIGHT = 48;
    static final Color BACKGROUND = Color.web("#1e1f22");
    static final Color CELL_FILL = Color.web("#2b2d30");
    private static final Color LABEL_COLOR = Color.web("#9da0a8");
    private static final Color VALUE_COLOR = Color.web("#dfe1e5");
    static final double GAP = 4;

    private final Canvas canvas = new Canvas();
    private List<Counter> counters = List.of();

    public CounterStrip() {
        getStyleClass().add("counter-strip");
        setPadding(new Insets(GAP));
        getChildren().add(canvas);
    }

    /** Replaces all counters; the strip repaints on the next pulse. */
    public void setCounters(List<Counter> counters) {
        this.counters = List.copyOf(counters);
        requestLayout();
    }

    public List<Counter> getCounters() {
        return counters;
    }

    @Override
    protected double computePrefWidth(double height) {
        Insets in = getInsets();
        return in.getLeft() + in.getRight() + Math.max(1, counters.size()) * (CELL_WIDTH + GAP) - GAP;
    }

    @Override
    protected double computePrefHeight(double width) {
        Insets in = getInsets();
        return in.getTop() + in.getBottom() + CELL_HEIGHT;
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(Math.floor(getWidth()));
        canvas.setHeight(Math.floor(getHeight()));
        paint();
    }

    private void paint() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(BACKGROUND);
        g.fillRect(0, 0, w, h);

        Insets in = getInsets();
        double cellHeight = Math.min(CELL_HEIGHT, h - in.getTop() - in.getBottom());
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        double x = in.getLeft();
        for (Counter c : counters) {
            if (x + CELL_WIDTH > w) {
                break; // cells that do not fit are not drawn half
            }
            g.setFill(CELL_FILL);
            g.fillRoundRect(x, in.getTop(), CELL_WIDTH, cellHeight, 6, 6);
            g.setFill(LABEL_COLOR);
            g.setFont(Font.font(11));
            g.fillText(c.label(), x + 8, in.getTop() + 6, CELL_WIDTH - 16);
            g.setFill(VALUE_COLOR);
            g.setFont(Font.font(18));
            g.fillText(String.format(Locale.ROOT, "%,d", c.value()), x + 8, in.getTop() + 20, CELL_WIDTH - 16);
            x += CELL_WIDTH + GAP;
        }
    }
}
