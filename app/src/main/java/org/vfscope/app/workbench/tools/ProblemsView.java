package org.vfscope.app.workbench.tools;

import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;

import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The Problems tool window: severity, code, message, location; double click or Enter jumps there. */
public final class ProblemsView extends BorderPane {
    public ProblemsView(ProblemsViewModel viewModel) {
        setId("problems");
        TableView<Problem> table = new TableView<>(viewModel.problems());
        table.setId("problems-table");
        TableColumn<Problem, String> sev = EventLogView.column("", Problem::severityLabel, 90);
        sev.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                if (empty || s == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                FontIcon icon = new FontIcon(s.equals("Error") ? Feather.X_CIRCLE : s.equals("Warning")
                        ? Feather.ALERT_TRIANGLE : Feather.INFO);
                icon.getStyleClass().add("severity-" + s.toLowerCase(java.util.Locale.ROOT));
                setGraphic(icon);
                setText(s);
            }
        });
        table.getColumns().add(sev);
        table.getColumns().add(EventLogView.column("Code", Problem::code, 180));
        table.getColumns().add(EventLogView.column("Message", Problem::message, 640));
        table.getColumns().add(EventLogView.column("Location", Problem::location, 220));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No problems found so far."));
        table.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                viewModel.activate(table.getSelectionModel().getSelectedItem());
            }
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                viewModel.activate(table.getSelectionModel().getSelectedItem());
            }
        });
        setCenter(table);
    }
}
