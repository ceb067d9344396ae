package org.vfscope.app.workbench.tools;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;

/** The event log tool window: a table of trace events that follows the newest, with filter, pause and clear. */
public final class EventLogView extends BorderPane {
    public EventLogView(EventLogViewModel viewModel) {
        setId("event-log");
        TableView<EventRow> table = new TableView<>(viewModel.shown());
        TableColumn<EventRow, String> time = column("Time (ms)", EventRow::timeText, 110);
        time.setMinWidth(100);
        table.getColumns().add(time);
        TableColumn<EventRow, String> kind = column("Event", EventRow::kind, 170);
        kind.setMinWidth(150);
        table.getColumns().add(kind);
        table.getColumns().add(column("Detail", EventRow::detail, 900));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new javafx.scene.control.Label("No events yet: browse or read a file and the engine's tracepoints appear here."));
        viewModel.shown().addListener((ListChangeListener<EventRow>) c -> {
            if (!viewModel.pausedProperty().get() && !viewModel.shown().isEmpty()) {
                table.scrollTo(viewModel.shown().size() - 1);
            }
        });
        TextField filter = new TextField();
        filter.setPromptText("Filter events (e.g. BlockIo, Page)");
        filter.setPrefWidth(260);
        filter.textProperty().bindBidirectional(viewModel.filterProperty());
        ToggleButton pause = new ToggleButton("Pause");
        pause.selectedProperty().bindBidirectional(viewModel.pausedProperty());
        Button clear = new Button("Clear");
        clear.setOnAction(e -> viewModel.clear());
        HBox bar = new HBox(6, filter, pause, clear);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 6, 4, 6));
        setTop(bar);
        setCenter(table);
    }

    static <T> TableColumn<T, String> column(String title, java.util.function.Function<T, String> f, double w) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(f.apply(cd.getValue())));
        c.setPrefWidth(w);
        return c;
    }
}
