package org.vfscope.visualizer.canvas;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.text.Font;
import org.vfscope.visualizer.Theme;

/** The key under a view: a few swatches with their meaning, wrapped to the view's width. */
public final class Legend extends FlowPane {
    static final double SWATCH = 20;
    private List<LegendEntry> entries = List.of();
    private Theme theme = Theme.LIGHT;

    public Legend() {
        super(16, 4);
        setPadding(new Insets(4, 8, 6, 8));
        setAlignment(Pos.CENTER_LEFT);
        getStyleClass().add("cache-view-legend");
    }

    public void setEntries(List<LegendEntry> entries) {
        if (entries.equals(this.entries)) {
            return;
        }
        this.entries = List.copyOf(entries);
        rebuild();
    }

    public List<LegendEntry> entries() {
        return entries;
    }

    /** The labels in order, as shown. */
    public List<String> labels() {
        List<String> out = new ArrayList<>();
        for (LegendEntry e : entries) {
            out.add(e.label());
        }
        return out;
    }

    public void setTheme(Theme theme) {
        this.theme = theme;
        rebuild();
    }

    private void rebuild() {
        List<HBox> items = new ArrayList<>();
        for (LegendEntry e : entries) {
            Canvas swatch = new Canvas(SWATCH, SWATCH);
            e.swatch().paint(swatch.getGraphicsContext2D(), SWATCH, theme);
            Label label = new Label(e.label());
            label.setFont(Font.font(14));
            label.setTextFill(theme.text());
            HBox item = new HBox(5, swatch, label);
            item.setAlignment(Pos.CENTER_LEFT);
            items.add(item);
        }
        getChildren().setAll(items);
        setStyle("-fx-background-color: " + web(theme.background()) + ";");
    }

    private static String web(javafx.scene.paint.Color c) {
        return String.format("#%02x%02x%02x", Math.round(c.getRed() * 255), Math.round(c.getGreen() * 255),
                Math.round(c.getBlue() * 255));
    }
}
