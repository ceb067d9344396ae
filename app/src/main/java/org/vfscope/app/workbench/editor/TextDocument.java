package org.vfscope.app.workbench.editor;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

import org.vfscope.app.workbench.WorkbenchModel;
import org.vfscope.app.workbench.explorer.FileCommands;

/**
 * A text file being edited: the text as loaded (the saved revision), the encoding it was read
 * with, and the text now. Dirty is "now differs from saved", so undoing back clears the "*".
 */
public final class TextDocument implements EditorDocument {
    private final WorkbenchModel model;
    private final EditorInput input;
    private final Encodings.Detected encoding;
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(this, "dirty");
    private String saved;
    private String text;
    private Runnable undo = () -> { };
    private Runnable redo = () -> { };

    public TextDocument(WorkbenchModel model, EditorInput input, byte[] bytes) {
        this.model = model;
        this.input = input;
        this.encoding = Encodings.detect(bytes);
        this.saved = encoding.decode(bytes);
        this.text = saved;
    }

    @Override
    public EditorInput input() {
        return input;
    }

    public Encodings.Detected encoding() {
        return encoding;
    }

    public String savedText() {
        return saved;
    }

    public String text() {
        return text;
    }

    /** The editor reports every change here. */
    public void setText(String now) {
        text = now;
        dirty.set(!now.equals(saved));
    }

    @Override
    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    @Override
    public void save(Runnable onSaved) {
        if (!model.isEditable()) {
            model.error("The image is open read-only. Turn on Image > Enable Editing to save changes into the overlay.");
            return;
        }
        String snapshot = text;
        byte[] bytes = encoding.encode(snapshot);
        model.tasks().submit("Save " + input.path(), p -> {
            FileCommands.writeAll(model.workspace().machine(input.volume()).process(), input.path(), bytes);
            return null;
        }, r -> {
            saved = snapshot;
            dirty.set(!text.equals(saved));
            model.notify("Saved " + input.path() + " (" + bytes.length + " bytes, " + encoding.charset().name() + ")");
            onSaved.run();
        }, m -> model.error("Cannot save " + input.path() + ": " + m));
    }

    /** The view's undo manager does the work; the document just forwards the command. */
    public void bindHistory(Runnable undo, Runnable redo) {
        this.undo = undo;
        this.redo = redo;
    }

    @Override
    public void undo() {
        undo.run();
    }

    @Override
    public void redo() {
        redo.run();
    }
}
