package org.vfscope.app.workbench.action;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Popup;
import javafx.stage.Window;

import org.kordamp.ikonli.javafx.FontIcon;

/** The Find Action popup: a search field over the matching actions; Enter runs, Escape closes. */
public final class PaletteView {
    private final PaletteViewModel viewModel;
    private final Popup popup = new Popup();
    private final TextField field = new TextField();
    private final ListView<Action> list = new ListView<>();

    public PaletteView(PaletteViewModel viewModel) {
        this.viewModel = viewModel;
        field.setId("palette-field");
        field.setPromptText("Type an action: open, hex, commit, drop caches, dark…");
        field.textProperty().bindBidirectional(viewModel.queryProperty());
        list.setId("palette-list");
        list.setItems(viewModel.results());
        list.setPrefHeight(320);
        list.setCellFactory(v -> new ActionCell());
        viewModel.results().addListener((javafx.collections.ListChangeListener<Action>) c -> list.getSelectionModel().selectFirst());
        list.getSelectionModel().selectFirst();
        field.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DOWN) {
                list.getSelectionModel().selectNext();
                e.consume();
            } else if (e.getCode() == KeyCode.UP) {
                list.getSelectionModel().selectPrevious();
                e.consume();
            } else if (e.getCode() == KeyCode.ENTER) {
                runSelected();
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                popup.hide();
                e.consume();
            }
        });
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                runSelected();
            }
        });
        Label title = new Label("Find Action");
        title.getStyleClass().add("palette-title");
        VBox box = new VBox(8, title, field, list);
        box.setPadding(new Insets(10));
        box.setPrefWidth(560);
        box.getStyleClass().add("palette");
        popup.getContent().add(box);
        popup.setAutoHide(true);
        popup.setHideOnEscape(true);
    }

    private void runSelected() {
        Action a = list.getSelectionModel().getSelectedItem();
        popup.hide();
        viewModel.run(a);
    }

    public void show(Window owner) {
        viewModel.queryProperty().set("");
        Scene s = owner.getScene();
        popup.show(owner, owner.getX() + (owner.getWidth() - 560) / 2, owner.getY() + 90);
        if (s != null && popup.getScene() != null) {
            popup.getScene().getStylesheets().setAll(s.getStylesheets());
            popup.getScene().getRoot().setStyle(s.getRoot().getStyle());
        }
        field.requestFocus();
    }

    public boolean isShowing() {
        return popup.isShowing();
    }

    private static final class ActionCell extends ListCell<Action> {
        @Override
        protected void updateItem(Action a, boolean empty) {
            super.updateItem(a, empty);
            if (empty || a == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            Label name = new Label(a.title(), a.icon() == null ? null : new FontIcon(a.icon()));
            Label cat = new Label(a.category());
            cat.getStyleClass().add("text-muted");
            Label key = new Label(a.shortcutText());
            key.getStyleClass().add("text-muted");
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            HBox row = new HBox(10, name, spacer, cat, key);
            row.setAlignment(Pos.CENTER_LEFT);
            row.setDisable(!a.enabled().get());
            setText(null);
            setGraphic(new BorderPane(row));
        }
    }
}
