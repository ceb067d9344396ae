package org.vfscope.app.workbench.editor;

import java.util.List;
import java.util.function.Function;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** Read-only tables for the inode and superblock views. */
final class FieldTables {
    private FieldTables() {
    }

    static TableView<FieldRow> fields(List<FieldRow> rows) {
        TableView<FieldRow> t = new TableView<>(FXCollections.observableArrayList(rows));
        t.getColumns().add(column("Group", FieldRow::group, 110));
        t.getColumns().add(column("Field", FieldRow::field, 180));
        t.getColumns().add(column("Value", FieldRow::value, 520));
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        return t;
    }

    static <T> TableColumn<T, String> column(String title, Function<T, String> value, double width) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(value.apply(cd.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }
}
