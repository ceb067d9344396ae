package org.vfscope.app.workbench.editor;

import java.util.AbstractList;

import javafx.beans.property.LongProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

/**
 * The hex editor (after Recaf's): a virtual list of rows, so only the rows on screen exist, each
 * with its offset, 16 byte cells and the ASCII column. Click a cell and type hex digits to edit
 * in place; arrows move; edited bytes are marked.
 */
public final class HexEditorView extends BorderPane {
    private final HexDocument doc;
    private final ListView<Long> rows = new ListView<>();
    private final LongProperty caret = new SimpleLongProperty(this, "caret", 0);
    private final Label status = new Label();
    private boolean highNibble = true;

    public HexEditorView(HexDocument doc) {
        this.doc = doc;
        getStyleClass().add("hex-editor");
        setId("hex-editor");
        long count = HexRows.rowCount(doc.size());
        rows.setItems(FXCollections.observableList(new AbstractList<Long>() {
            @Override
            public Long get(int i) {
                return (long) i;
            }

            @Override
            public int size() {
                return (int) Math.min(Integer.MAX_VALUE, count);
            }
        }));
        rows.setFixedCellSize(24);
        rows.setCellFactory(v -> new RowCell());
        rows.getStyleClass().add("hex-rows");
        doc.revisionProperty().addListener((o, was, now) -> {
            rows.refresh();
            updateStatus(); // the byte under the caret may just have arrived
        });
        caret.addListener((o, was, now) -> {
            rows.refresh();
            updateStatus();
        });
        rows.setOnKeyPressed(e -> {
            long c = caret.get();
            switch (e.getCode()) {
                case RIGHT -> move(c + 1);
                case LEFT -> move(c - 1);
                case DOWN -> move(c + HexRows.BYTES_PER_ROW);
                case UP -> move(c - HexRows.BYTES_PER_ROW);
                case PAGE_DOWN -> move(c + HexRows.BYTES_PER_ROW * 32L);
                case PAGE_UP -> move(c - HexRows.BYTES_PER_ROW * 32L);
                default -> {
                    return;
                }
            }
            e.consume();
        });
        rows.setOnKeyTyped(e -> {
            int n = HexRows.nibble(e.getCharacter());
            if (n < 0) {
                return;
            }
            typeNibble(n);
            e.consume();
        });
        Label header = new Label(headerText());
        header.getStyleClass().addAll("hex-header", "mono");
        header.setPadding(new Insets(4, 10, 4, 10));
        setTop(header);
        setCenter(rows);
        status.getStyleClass().add("editor-status");
        status.setPadding(new Insets(3, 10, 3, 10));
        setBottom(status);
        updateStatus();
    }

    private String headerText() {
        StringBuilder sb = new StringBuilder(" ".repeat(HexRows.offset(0, doc.size()).length() + 2));
        for (int i = 0; i < HexRows.BYTES_PER_ROW; i++) {
            sb.append(String.format("%02x ", i)).append(i == 7 ? " " : "");
        }
        return sb.append("  ASCII").toString();
    }

    /** Types one hex digit at the caret: high nibble, then low, then on to the next byte. */
    public void typeNibble(int n) {
        long c = caret.get();
        int b = doc.byteAt(c);
        if (b < 0) {
            return;
        }
        int v = highNibble ? (n << 4) | (b & 0x0f) : (b & 0xf0) | n;
        if (doc.set(c, v)) {
            if (highNibble) {
                highNibble = false;
            } else {
                highNibble = true;
                move(c + 1);
            }
        }
    }

    public void move(long to) {
        long c = Math.max(0, Math.min(doc.size() - 1, to));
        highNibble = true;
        caret.set(c);
        rows.scrollTo((int) Math.max(0, c / HexRows.BYTES_PER_ROW - 8));
    }

    public LongProperty caretProperty() {
        return caret;
    }

    private void updateStatus() {
        long c = caret.get();
        int b = doc.byteAt(c);
        status.setText(String.format("Offset 0x%x (%d)   Byte %s   Size %d bytes   Type hex digits to edit", c, c,
                b < 0 ? "?" : String.format("0x%02x = %d", b, b), doc.size()));
    }

    private final class RowCell extends ListCell<Long> {
        private final Label offset = new Label();
        private final Label[] cells = new Label[HexRows.BYTES_PER_ROW];
        private final Label ascii = new Label();
        private final HBox box = new HBox();

        RowCell() {
            offset.getStyleClass().addAll("hex-offset", "mono");
            offset.setMinWidth(Region.USE_PREF_SIZE);
            box.getChildren().add(offset);
            box.setAlignment(Pos.CENTER_LEFT);
            box.setSpacing(0);
            HBox hex = new HBox(2);
            hex.setPadding(new Insets(0, 14, 0, 14));
            for (int i = 0; i < cells.length; i++) {
                Label l = new Label();
                l.getStyleClass().addAll("hex-cell", "mono");
                l.setMinWidth(Region.USE_PREF_SIZE);
                int col = i;
                l.setOnMousePressed(e -> {
                    if (getItem() != null) {
                        move(getItem() * HexRows.BYTES_PER_ROW + col);
                        rows.requestFocus();
                    }
                });
                cells[i] = l;
                hex.getChildren().add(l);
                if (i == 7) {
                    Region gap = new Region();
                    gap.setMinWidth(8);
                    hex.getChildren().add(gap);
                }
            }
            ascii.getStyleClass().addAll("hex-ascii", "mono");
            box.getChildren().addAll(hex, ascii);
        }

        @Override
        protected void updateItem(Long row, boolean empty) {
            super.updateItem(row, empty);
            setText(null);
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            long start = row * HexRows.BYTES_PER_ROW;
            offset.setText(HexRows.offset(start, doc.size()));
            StringBuilder asc = new StringBuilder();
            for (int i = 0; i < cells.length; i++) {
                long off = start + i;
                int b = doc.byteAt(off);
                Label l = cells[i];
                l.setText(b == -2 ? "  " : HexRows.cell(b));
                l.getStyleClass().removeAll("hex-edited", "hex-caret", "hex-zero");
                if (doc.isEdited(off)) {
                    l.getStyleClass().add("hex-edited");
                }
                if (b == 0) {
                    l.getStyleClass().add("hex-zero");
                }
                if (off == caret.get()) {
                    l.getStyleClass().add("hex-caret");
                }
                if (b != -2) {
                    asc.append(HexRows.ascii(b));
                }
            }
            ascii.setText(asc.toString());
            setGraphic(box);
        }
    }
}
