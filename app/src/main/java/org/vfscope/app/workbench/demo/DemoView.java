package org.vfscope.app.workbench.demo;

import java.io.File;
import java.util.Map;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;
import org.vfscope.block.LatencyModel;

/** Demo mode's panel: tunables, latency, clock speed, Pause/Step, Sync, Drop caches, scenario playback. */
public final class DemoView extends HBox {
    private final DemoViewModel viewModel;
    private final GridPane tunables = new GridPane();
    private final ComboBox<LatencyModel> latency = new ComboBox<>();

    public DemoView(DemoViewModel viewModel) {
        this.viewModel = viewModel;
        setId("demo-panel");
        setSpacing(24);
        setPadding(new Insets(10));

        tunables.setHgap(8);
        tunables.setVgap(6);
        latency.getItems().setAll(LatencyModel.values());
        latency.valueProperty().addListener((o, was, now) -> {
            if (now != null && was != null) {
                viewModel.setLatency(now);
            }
        });

        Slider speed = new Slider(0.05, 4, 1);
        speed.setId("demo-speed");
        speed.setShowTickLabels(true);
        speed.setMajorTickUnit(1);
        speed.setPrefWidth(200);
        speed.valueProperty().bindBidirectional(viewModel.speedProperty());
        Label speedText = new Label();
        speedText.textProperty().bind(viewModel.speedProperty().asString("×%.2f kernel time"));

        ToggleButton pause = new ToggleButton("Pause", new FontIcon(Feather.PAUSE));
        pause.setId("demo-pause");
        pause.selectedProperty().bindBidirectional(viewModel.pausedProperty());
        Button step = button("Step", Feather.SKIP_FORWARD, viewModel::step);
        step.disableProperty().bind(viewModel.pausedProperty().not());
        Button sync = button("Sync", Feather.SAVE, viewModel::sync);
        sync.setId("demo-sync");
        Button drop1 = button("Drop 1", Feather.TRASH_2, () -> viewModel.dropCaches(1));
        Button drop2 = button("Drop 2", Feather.TRASH_2, () -> viewModel.dropCaches(2));
        Button drop3 = button("Drop 3", Feather.TRASH_2, () -> viewModel.dropCaches(3));

        Button play = button("Play scenario…", Feather.PLAY, () -> {
            FileChooser fc = new FileChooser();
            fc.setTitle("Scenario (JSON)");
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("Scenario", "*.json"));
            File f = fc.showOpenDialog(getScene().getWindow());
            if (f != null) {
                viewModel.play(f.toPath());
            }
        });
        Label scenario = new Label();
        scenario.textProperty().bind(viewModel.scenarioStatusProperty());

        VBox engine = section("Engine tunables", tunables, new HBox(8, new Label("Device latency"), latency));
        VBox clock = section("Clock", new HBox(8, speed, speedText), new HBox(8, pause, step));
        VBox actions = section("Caches", new HBox(8, sync, drop1, drop2, drop3), new HBox(8, play), scenario);
        getChildren().addAll(engine, clock, actions);
    }

    private static Button button(String text, Feather icon, Runnable r) {
        Button b = new Button(text, new FontIcon(icon));
        b.setOnAction(e -> r.run());
        return b;
    }

    private static VBox section(String title, javafx.scene.Node... content) {
        Label l = new Label(title);
        l.getStyleClass().add("section-title");
        VBox box = new VBox(8, l);
        box.getChildren().addAll(content);
        box.setAlignment(Pos.TOP_LEFT);
        return box;
    }

    /** Reads the engine's current values into the controls (after attaching to a machine). */
    public void reload() {
        tunables.getChildren().clear();
        int row = 0;
        for (Map.Entry<String, long[]> t : DemoViewModel.TUNABLES.entrySet()) {
            String name = t.getKey();
            Spinner<Integer> s = new Spinner<>();
            s.setId("tunable-" + name);
            s.setEditable(true);
            s.setPrefWidth(120);
            s.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory((int) t.getValue()[0],
                    (int) t.getValue()[1], (int) viewModel.tunable(name), name.equals("cache_pages") ? 256 : 1));
            s.valueProperty().addListener((o, was, now) -> viewModel.setTunable(name, now));
            s.setDisable(!viewModel.isAttached());
            tunables.addRow(row++, new Label(name), s);
        }
        latency.setValue(null);
        latency.setValue(viewModel.latency());
        latency.setDisable(viewModel.latency() == null);
    }
}
