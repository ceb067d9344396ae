package org.vfscope.app.workbench.editor;

import java.util.Locale;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;

/**
 * The text editor: a RichTextFX CodeArea with line numbers and its own undo history, a find bar
 * (Ctrl+F, Enter for the next match, Escape to close) and a status line with caret position and
 * encoding.
 */
public final class TextEditorView extends BorderPane {
    private final TextDocument doc;
    private final CodeArea area = new CodeArea();
    private final TextField find = new TextField();
    private final HBox findBar;
    private final Label status = new Label();

    public TextEditorView(TextDocument doc) {
        this.doc = doc;
        setId("text-editor");
        getStyleClass().add("text-editor");
        area.setId("text-area");
        area.getStyleClass().add("code-area");
        area.setParagraphGraphicFactory(LineNumberFactory.get(area));
        area.replaceText(doc.savedText());
        area.getUndoManager().forgetHistory();
        area.moveTo(0);
        area.requestFollowCaret();
        area.textProperty().addListener((o, was, now) -> doc.setText(now));
        doc.bindHistory(area::undo, area::redo);
        area.caretPositionProperty().addListener((o, was, now) -> updateStatus());

        find.setId("find-field");
        find.setPromptText("Find");
        find.setOnAction(e -> findNext());
        Label matches = new Label();
        Button next = new Button("Next");
        next.setOnAction(e -> findNext());
        Button close = new Button("×");
        close.getStyleClass().add("flat");
        close.setOnAction(e -> hideFind());
        findBar = new HBox(6, new Label("Find:"), find, next, matches, spacer(), close);
        findBar.setAlignment(Pos.CENTER_LEFT);
        findBar.setPadding(new Insets(4, 8, 4, 8));
        findBar.getStyleClass().add("find-bar");
        HBox.setHgrow(find, Priority.SOMETIMES);
        find.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                hideFind();
            }
        });
        area.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN).match(e)) {
                showFind();
                e.consume();
            }
        });

        setCenter(new VirtualizedScrollPane<>(area));
        status.getStyleClass().add("editor-status");
        status.setPadding(new Insets(3, 10, 3, 10));
        setBottom(status);
        updateStatus();
    }

    private static Region spacer() {
        Region r = new Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }

    public CodeArea area() {
        return area;
    }

    public void showFind() {
        setTop(findBar);
        String sel = area.getSelectedText();
        if (!sel.isEmpty() && !sel.contains("\n")) {
            find.setText(sel);
        }
        find.requestFocus();
        find.selectAll();
    }

    private void hideFind() {
        setTop(null);
        area.requestFocus();
    }

    /** Selects the next match after the caret, wrapping around; case-insensitive. */
    public boolean findNext() {
        String q = find.getText();
        if (q.isEmpty()) {
            return false;
        }
        String text = area.getText().toLowerCase(Locale.ROOT);
        String needle = q.toLowerCase(Locale.ROOT);
        int from = area.getSelection().getEnd();
        int at = text.indexOf(needle, from);
        if (at < 0) {
            at = text.indexOf(needle);
        }
        if (at < 0) {
            status.setText("'" + q + "' not found");
            return false;
        }
        area.selectRange(at, at + q.length());
        area.requestFollowCaret();
        return true;
    }

    private void updateStatus() {
        int line = area.getCurrentParagraph() + 1;
        int col = area.getCaretColumn() + 1;
        status.setText("Ln " + line + ", Col " + col + "    " + doc.encoding().charset().name()
                + (doc.encoding().bom() > 0 ? " (BOM)" : "") + "    " + area.getParagraphs().size() + " lines");
    }
}
