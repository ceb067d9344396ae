package org.vfscope.app.workbench.editor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

import org.vfscope.app.image.Machine;
import org.vfscope.app.workbench.WorkbenchModel;
import org.vfscope.app.workbench.explorer.FileCommands;
import org.vfscope.app.workbench.tools.Problem;
import org.vfscope.vfs.Stat;

/**
 * The open editors: loads an input in the background (a text file that is binary or too large
 * goes to the hex editor), keeps one tab per input, and knows which have unsaved changes.
 */
public final class EditorTabsViewModel {
    /** Larger text files open in the hex editor, which never reads a file whole. */
    public static final long MAX_TEXT_BYTES = 8L << 20;

    private final WorkbenchModel model;
    private final Map<EditorInput, EditorDocument> documents = new LinkedHashMap<>();
    private final List<EditorInput> open = new ArrayList<>();
    private final ObjectProperty<EditorInput> active = new SimpleObjectProperty<>(this, "active");

    public EditorTabsViewModel(WorkbenchModel model) {
        this.model = model;
    }

    public ObjectProperty<EditorInput> activeProperty() {
        return active;
    }

    public List<EditorInput> openInputs() {
        return List.copyOf(open);
    }

    public boolean isOpen(EditorInput input) {
        return open.contains(input);
    }

    public EditorDocument document(EditorInput input) {
        return documents.get(input);
    }

    public EditorDocument activeDocument() {
        return active.get() == null ? null : documents.get(active.get());
    }

    /** The documents with unsaved changes: closing the window or the image asks about these. */
    public List<EditorDocument> dirtyDocuments() {
        return documents.values().stream().filter(EditorDocument::isDirty).toList();
    }

    /** Loads {@code input} in the background; {@code onLoaded} gets what to show. */
    public void load(EditorInput input, Consumer<Loaded> onLoaded) {
        model.tasks().submit("Open " + input.title(), p -> {
            Machine m = model.workspace().machine(input.volume());
            return switch (input.kind()) {
                case SUPERBLOCK -> new Loaded.Superblock(input, SuperblockReport.of(m));
                case INODE -> new Loaded.Inode(input, InodeReport.of(m, input.path()));
                case HEX -> hex(input, m.process().stat(input.path()));
                case TEXT -> text(input, m);
            };
        }, loaded -> {
            open.add(loaded.input());
            if (loaded instanceof Loaded.Text t) {
                documents.put(loaded.input(), t.document());
            } else if (loaded instanceof Loaded.Hex h) {
                documents.put(loaded.input(), h.document());
            }
            // The view's tab selection sets the active editor: a restored tab may load behind another.
            onLoaded.accept(loaded);
        }, message -> {
            model.problems().add(Problem.browsing(input.volume(), input.path(), "cannot open: " + message));
            model.error("Cannot open " + input.path() + ": " + message);
        });
    }

    private Loaded text(EditorInput input, Machine m) {
        Stat st = m.process().stat(input.path());
        if (!st.isRegular()) {
            throw new IllegalArgumentException(input.path() + " is not a regular file");
        }
        if (st.size() > MAX_TEXT_BYTES) {
            return hex(new EditorInput(input.volume(), input.path(), EditorKind.HEX), st);
        }
        byte[] bytes = FileCommands.read(m.process(), input.path(), 0, (int) st.size());
        if (Encodings.looksBinary(bytes)) {
            return hex(new EditorInput(input.volume(), input.path(), EditorKind.HEX), st);
        }
        return new Loaded.Text(new TextDocument(model, input, bytes));
    }

    private Loaded hex(EditorInput input, Stat st) {
        if (!st.isRegular()) {
            throw new IllegalArgumentException(input.path() + " is not a regular file");
        }
        return new Loaded.Hex(HexDocument.onVolume(model, input, st.size()));
    }

    public void closed(EditorInput input) {
        open.remove(input);
        documents.remove(input);
        if (input.equals(active.get())) {
            active.set(open.isEmpty() ? null : open.get(open.size() - 1));
        }
    }

    /** Forgets every editor without asking (after the caller asked): the image is closing. */
    public void closeAll() {
        open.clear();
        documents.clear();
        active.set(null);
    }

    public void saveActive(Runnable onSaved) {
        EditorDocument d = activeDocument();
        if (d != null && d.isDirty()) {
            d.save(onSaved);
        }
    }

    public void saveAll(Runnable onSaved) {
        for (EditorDocument d : dirtyDocuments()) {
            d.save(onSaved);
        }
    }
}
