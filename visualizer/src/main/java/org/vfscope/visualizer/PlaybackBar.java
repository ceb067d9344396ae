package org.vfscope.visualizer;

import java.util.Locale;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.util.StringConverter;

/**
 * Pause, step and speed for live views: a small bar over a {@link Playback}. While paused, Step
 * lets one new snapshot through; the speed scales how often the views refresh (and, in the demo,
 * how fast the scenario runs).
 */
public final class PlaybackBar extends HBox {
    /** Speeds as a presenter says them: "1×", "0.25×". Shared with the replay's scrubber. */
    static final StringConverter<Double> SPEED_LABELS = new StringConverter<>() {
        @Override
        public String toString(Double d) {
            return d == null ? "" : (d == Math.rint(d) ? String.valueOf(d.intValue()) : String.valueOf(d)) + "×";
        }

        @Override
        public Double fromString(String s) {
            return Double.valueOf(s.replace("×", ""));
        }
    };

    private final Playback playback;
    private final ToggleButton pause = new ToggleButton("Pause");
    private final Button step = new Button("Step");
    private final ComboBox<Double> speed = new ComboBox<>();
    private final Label status = new Label("live");

    public PlaybackBar(Playback playback) {
        super(8);
        this.playback = playback;
        getStyleClass().add("playback-bar");
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(4, 8, 4, 8));
        pause.setId("playback-pause");
        step.setId("playback-step");
        speed.setId("playback-speed");
        pause.setTooltip(new Tooltip("Freeze the views on the last snapshot (Space)"));
        step.setTooltip(new Tooltip("Show one more snapshot while paused"));
        speed.getItems().setAll(Playback.SPEEDS);
        speed.setConverter(SPEED_LABELS);
        speed.setValue(playback.speed());
        pause.setSelected(playback.isPaused());
        step.setDisable(!playback.isPaused());
        pause.selectedProperty().addListener((obs, was, now) -> playback.setPaused(now));
        step.setOnAction(e -> playback.step());
        speed.valueProperty().addListener((obs, was, now) -> {
            if (now != null) {
                playback.setSpeed(now);
            }
        });
        playback.addListener(() -> runOnFx(this::sync));
        getChildren().addAll(pause, step, new Label("Speed"), speed, status);
        sync();
    }

    public Playback playback() {
        return playback;
    }

    private void sync() {
        pause.setSelected(playback.isPaused());
        pause.setText(playback.isPaused() ? "Resume" : "Pause");
        step.setDisable(!playback.isPaused());
        if (!Double.valueOf(playback.speed()).equals(speed.getValue())) {
            speed.setValue(playback.speed());
        }
        status.setText(playback.isPaused() ? "paused" : String.format(Locale.ROOT, "live at %s×", speed.getConverter()
                .toString(playback.speed()).replace("×", "")));
    }

    private static void runOnFx(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }
}
