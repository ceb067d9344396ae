package org.vfscope.app.workbench.editor;

import javafx.collections.FXCollections;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;

/** Every field of an inode, and its block map as runs (logical → physical × length). */
public final class InodeView extends BorderPane {
    public InodeView(InodeReport report) {
        setId("inode-view");
        TableView<long[]> runs = new TableView<>(FXCollections.observableArrayList(report.runs()));
        runs.getColumns().add(FieldTables.column("Logical block", r -> Long.toString(r[0]), 140));
        runs.getColumns().add(FieldTables.column("Physical block", r -> r[1] < 0 ? "hole" : Long.toString(r[1]), 160));
        runs.getColumns().add(FieldTables.column("Blocks", r -> Long.toString(r[2]), 100));
        runs.setPlaceholder(new Label("No data blocks (empty, inline or not an ext file)."));
        Label title = new Label("Block map" + (report.runsTruncated() ? " (first runs only)" : "") + " — "
                + report.runs().size() + " run(s)");
        title.getStyleClass().add("section-title");
        SplitPane split = new SplitPane(FieldTables.fields(report.fields()), new VBox(4, title, runs));
        VBox.setVgrow(runs, javafx.scene.layout.Priority.ALWAYS);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.62);
        setCenter(split);
    }
}
