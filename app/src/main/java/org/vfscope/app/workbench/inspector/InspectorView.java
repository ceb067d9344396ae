package org.vfscope.app.workbench.inspector;

import java.util.Optional;

import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;

import org.controlsfx.control.PropertySheet;
import org.controlsfx.property.editor.PropertyEditor;
import org.vfscope.app.workbench.editor.FieldRow;

/** The Inspector: the selection's properties in a ControlsFX PropertySheet, grouped by category. */
public final class InspectorView extends BorderPane {
    private final PropertySheet sheet = new PropertySheet();
    private java.util.List<String> categories = java.util.List.of();

    public InspectorView(InspectorViewModel viewModel) {
        setId("inspector");
        getStyleClass().add("tool-window");
        sheet.setId("inspector-sheet");
        sheet.setMode(PropertySheet.Mode.CATEGORY);
        sheet.setModeSwitcherVisible(false);
        sheet.setSearchBoxVisible(false);
        setCenter(sheet);
        // Values as selectable text, not greyed-out disabled fields; categories in the view model's order.
        sheet.setPropertyEditorFactory(item -> new PropertyEditor<Object>() {
            private final TextField text = valueField(item);

            @Override
            public javafx.scene.Node getEditor() {
                return text;
            }

            @Override
            public Object getValue() {
                return item.getValue();
            }

            @Override
            public void setValue(Object value) {
                text.setText(String.valueOf(value));
            }
        });
        sheet.setCategoryComparator(java.util.Comparator.comparingInt(this::categoryIndex));
        viewModel.rows().addListener((ListChangeListener<FieldRow>) c -> {
            categories = viewModel.rows().stream().map(FieldRow::group).distinct().toList();
            sheet.getItems().setAll(viewModel.rows().stream().map(Item::new).toList());
        });
    }

    private int categoryIndex(String category) {
        int i = categories.indexOf(category);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    private static TextField valueField(PropertySheet.Item item) {
        TextField t = new TextField(String.valueOf(item.getValue()));
        t.setEditable(false);
        t.getStyleClass().add("inspector-value");
        t.setTooltip(new javafx.scene.control.Tooltip(String.valueOf(item.getValue())));
        return t;
    }

    public PropertySheet sheet() {
        return sheet;
    }

    /** A read-only row of the sheet. */
    private record Item(FieldRow row) implements PropertySheet.Item {
        @Override
        public Class<?> getType() {
            return String.class;
        }

        @Override
        public String getCategory() {
            return row.group();
        }

        @Override
        public String getName() {
            return row.field();
        }

        @Override
        public String getDescription() {
            return row.group() + ": " + row.field();
        }

        @Override
        public Object getValue() {
            return row.value();
        }

        @Override
        public void setValue(Object value) {
            // Read-only: changes to an image go through editors and the explorer.
        }

        /** "Editable" so the sheet does not grey the value out; the editor itself is a read-only field. */
        @Override
        public boolean isEditable() {
            return true;
        }

        @Override
        public Optional<ObservableValue<? extends Object>> getObservableValue() {
            return Optional.empty();
        }
    }
}
