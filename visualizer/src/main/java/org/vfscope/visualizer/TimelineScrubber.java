package org.vfscope.visualizer;

import java.util.Locale;
import javafx.animation.AnimationTimer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.util.StringConverter;

/**
 * The timeline of a replayed trace: play/pause, a step to the previous and next keyframe, the
 * speed, and a slider over the recording's time with labels, which seeks as it is dragged. The
 * slider follows the playhead at each pulse while nobody holds it. FX thread.
 */
public final class TimelineScrubber extends HBox {
    private final Replay replay;
    private final Button play = new Button("Play");
    private final Button back = new Button("◀ Step");
    private final Button step = new Button("Step ▶");
    private final ComboBox<Double> speed = new ComboBox<>();
    private final Slider slider = new Slider();
    private final Label time = new Label();
    /** True while the slider is moved to follow the playhead, so that does not seek. */
    private boolean following;

    private final AnimationTimer follower = new AnimationTimer() {
        @Override
        public void handle(long now) {
            refresh();
        }
    };

    public TimelineScrubber(Replay replay) {
        super(8);
        this.replay = replay;
        getStyleClass().add("timeline-scrubber");
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(4, 8, 4, 8));
        play.setId("timeline-play");
        back.setId("timeline-back");
        step.setId("timeline-step");
        speed.setId("timeline-speed");
        slider.setId("timeline-slider");
        time.setId("timeline-time");
        play.setMinWidth(64);
        play.setTooltip(new Tooltip("Play or pause the recording (Space)"));
        back.setTooltip(new Tooltip("Back to the previous keyframe"));
        step.setTooltip(new Tooltip("On to the next keyframe"));

        double lengthSeconds = seconds(replay.end());
        slider.setMin(0);
        slider.setMax(Math.max(lengthSeconds, 0.001));
        slider.setShowTickMarks(true);
        slider.setShowTickLabels(true);
        slider.setMajorTickUnit(tickUnit(lengthSeconds));
        slider.setMinorTickCount(4);
        slider.setBlockIncrement(Math.max(0.1, lengthSeconds / 100));
        slider.setLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Double s) {
                return tickLabel(s);
            }

            @Override
            public Double fromString(String text) {
                return 0.0;
            }
        });
        HBox.setHgrow(slider, Priority.ALWAYS);
        slider.valueProperty().addListener((obs, was, now) -> {
            if (!following) {
                replay.seek(replay.start() + Math.round(now.doubleValue() * 1e9));
                showTime(now.doubleValue());
            }
        });

        speed.getItems().setAll(Playback.SPEEDS);
        speed.setConverter(PlaybackBar.SPEED_LABELS);
        speed.setValue(replay.playback().speed());
        speed.valueProperty().addListener((obs, was, now) -> {
            if (now != null) {
                replay.playback().setSpeed(now);
            }
        });
        play.setOnAction(e -> togglePlay());
        back.setOnAction(e -> {
            replay.stepBack();
            refresh();
        });
        step.setOnAction(e -> {
            replay.stepForward();
            refresh();
        });
        time.setMinWidth(USE_PREF_SIZE);
        // Room for the slider's last tick label, which overhangs its end; digits that do not jitter.
        time.setPadding(new Insets(0, 0, 0, 16));
        time.setStyle("-fx-font-family: monospace; -fx-font-size: 1.15em;");
        getChildren().addAll(play, back, step, new Label("Speed"), speed, slider, time);
        sceneProperty().addListener((obs, old, now) -> {
            if (now != null) {
                follower.start();
            } else {
                follower.stop();
            }
        });
        refresh();
    }

    /** Plays (from the start when at the end) or pauses. */
    public void togglePlay() {
        if (replay.playback().isPaused()) {
            replay.play();
        } else {
            replay.pause();
        }
        refresh();
    }

    public Replay replay() {
        return replay;
    }

    public Slider slider() {
        return slider;
    }

    /** Moves the controls to the playhead and the playback state; called at every pulse. */
    public void refresh() {
        boolean paused = replay.playback().isPaused();
        play.setText(paused ? "Play" : "Pause");
        long position = replay.position();
        step.setDisable(replay.recording().nextKeyframeAfter(position) < 0);
        back.setDisable(replay.recording().previousKeyframeBefore(position) < 0
                && replay.recording().keyframeTime(0) >= position);
        double s = seconds(position);
        if (!slider.isValueChanging() && !slider.isPressed() && slider.getValue() != s) {
            following = true;
            try {
                slider.setValue(s);
            } finally {
                following = false;
            }
        }
        showTime(slider.isValueChanging() ? slider.getValue() : s);
    }

    private void showTime(double s) {
        time.setText(clock(s) + " / " + clock(seconds(replay.end())));
    }

    private double seconds(long kernelNanos) {
        return (kernelNanos - replay.start()) / 1e9;
    }

    /** 0:07.3, or 1:02:07.3 past the hour. */
    static String clock(double seconds) {
        long tenths = Math.round(Math.max(0, seconds) * 10);
        long s = tenths / 10;
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%d:%02d:%02d.%d", s / 3600, s / 60 % 60, s % 60, tenths % 10);
        }
        return String.format(Locale.ROOT, "%d:%02d.%d", s / 60, s % 60, tenths % 10);
    }

    /** 0:05 on whole seconds, 0:05.5 between. */
    static String tickLabel(double seconds) {
        String c = clock(seconds);
        return c.endsWith(".0") ? c.substring(0, c.length() - 2) : c;
    }

    /** A round tick spacing that gives the slider about eight labels. */
    static double tickUnit(double lengthSeconds) {
        double[] units = {0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600};
        for (double u : units) {
            if (lengthSeconds / u <= 8) {
                return u;
            }
        }
        return 7200;
    }
}
