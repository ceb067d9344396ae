package org.vfscope.app.workbench.editor;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;

import org.vfscope.app.workbench.WorkbenchModel;
import org.vfscope.app.workbench.explorer.FileCommands;
import org.vfscope.sys.Process;

/**
 * A file in the hex editor, never read whole: 64 KiB pages are read in the background as rows
 * come into view (at most 32 MiB kept), and edits sit in a map until saved, each one undoable.
 * {@link #revisionProperty()} moves whenever what the rows show changes.
 */
public final class HexDocument implements EditorDocument {
    static final int PAGE = 64 * 1024;
    private static final int MAX_PAGES = 512;

    /** Where the bytes come from: the engine in the workbench, an array in tests. */
    @FunctionalInterface
    public interface PageReader {
        byte[] read(long offset, int length) throws Exception;
    }

    private record Edit(long offset, int before, int after) {
    }

    private final WorkbenchModel model;
    private final EditorInput input;
    private final long size;
    private final PageReader reader;
    private final Map<Long, byte[]> pages = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, byte[]> e) {
            return size() > MAX_PAGES;
        }
    };
    private final Set<Long> pending = new HashSet<>();
    private final TreeMap<Long, Integer> edits = new TreeMap<>();
    private final Deque<Edit> undo = new ArrayDeque<>();
    private final Deque<Edit> redo = new ArrayDeque<>();
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(this, "dirty");
    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper(this, "revision");

    public HexDocument(WorkbenchModel model, EditorInput input, long size, PageReader reader) {
        this.model = model;
        this.input = input;
        this.size = size;
        this.reader = reader;
    }

    /** A document over the volume's file, read through its process. */
    public static HexDocument onVolume(WorkbenchModel model, EditorInput input, long size) {
        return new HexDocument(model, input, size, (off, len) -> {
            Process p = model.workspace().machine(input.volume()).process();
            return FileCommands.read(p, input.path(), off, len);
        });
    }

    @Override
    public EditorInput input() {
        return input;
    }

    public long size() {
        return size;
    }

    public ReadOnlyLongProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    /** The byte at {@code offset} (edited if edited), -1 while its page is loading, -2 past the end. */
    public int byteAt(long offset) {
        if (offset < 0 || offset >= size) {
            return -2;
        }
        Integer e = edits.get(offset);
        if (e != null) {
            return e;
        }
        return original(offset);
    }

    public boolean isEdited(long offset) {
        return edits.containsKey(offset);
    }

    private int original(long offset) {
        long page = offset / PAGE;
        byte[] b = pages.get(page);
        if (b == null) {
            request(page);
            b = pages.get(page); // a synchronous reader (tests) has it already
            if (b == null) {
                return -1;
            }
        }
        int i = (int) (offset - page * PAGE);
        return i < b.length ? b[i] & 0xff : 0;
    }

    private void request(long page) {
        if (!pending.add(page)) {
            return;
        }
        long off = page * PAGE;
        int len = (int) Math.min(PAGE, size - off);
        model.tasks().submit("Read " + input.path() + " @" + off, p -> reader.read(off, len), bytes -> {
            pending.remove(page);
            pages.put(page, bytes);
            revision.set(revision.get() + 1);
        }, m -> {
            pending.remove(page);
            model.notify("Cannot read " + input.path() + " at " + off + ": " + m);
        });
    }

    /** Sets the byte at {@code offset}; false when not loaded yet or past the end. */
    public boolean set(long offset, int value) {
        int before = byteAt(offset);
        if (before < 0) {
            return false;
        }
        apply(offset, value & 0xff);
        undo.push(new Edit(offset, before, value & 0xff));
        redo.clear();
        return true;
    }

    private void apply(long offset, int value) {
        if (value == original(offset)) {
            edits.remove(offset);
        } else {
            edits.put(offset, value);
        }
        dirty.set(!edits.isEmpty());
        revision.set(revision.get() + 1);
    }

    @Override
    public void undo() {
        Edit e = undo.poll();
        if (e != null) {
            apply(e.offset(), e.before());
            redo.push(e);
        }
    }

    @Override
    public void redo() {
        Edit e = redo.poll();
        if (e != null) {
            apply(e.offset(), e.after());
            undo.push(e);
        }
    }

    @Override
    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    /** The edited runs, offset to bytes, in order: what Save writes with pwrite. */
    public Map<Long, byte[]> runs() {
        Map<Long, byte[]> out = new LinkedHashMap<>();
        long start = -1;
        java.io.ByteArrayOutputStream run = new java.io.ByteArrayOutputStream();
        long prev = -2;
        for (Map.Entry<Long, Integer> e : edits.entrySet()) {
            if (e.getKey() != prev + 1 && start >= 0) {
                out.put(start, run.toByteArray());
                run.reset();
                start = -1;
            }
            if (start < 0) {
                start = e.getKey();
            }
            run.write(e.getValue());
            prev = e.getKey();
        }
        if (start >= 0) {
            out.put(start, run.toByteArray());
        }
        return out;
    }

    @Override
    public void save(Runnable onSaved) {
        if (!model.isEditable()) {
            model.error("The image is open read-only. Turn on Image > Enable Editing to save changes into the overlay.");
            return;
        }
        Map<Long, byte[]> runs = runs();
        model.tasks().submit("Save " + input.path(), p -> {
            Process proc = model.workspace().machine(input.volume()).process();
            for (Map.Entry<Long, byte[]> r : runs.entrySet()) {
                FileCommands.writeAt(proc, input.path(), r.getKey(), r.getValue());
            }
            return null;
        }, r -> {
            for (Map.Entry<Long, byte[]> run : runs.entrySet()) {
                byte[] bytes = run.getValue();
                for (int i = 0; i < bytes.length; i++) {
                    long off = run.getKey() + i;
                    byte[] page = pages.get(off / PAGE);
                    if (page != null) {
                        page[(int) (off % PAGE)] = bytes[i];
                    }
                    edits.remove(off);
                }
            }
            undo.clear();
            redo.clear();
            dirty.set(!edits.isEmpty());
            revision.set(revision.get() + 1);
            model.notify("Saved " + runs.size() + " changed run(s) of " + input.path());
            onSaved.run();
        }, m -> model.error("Cannot save " + input.path() + ": " + m));
    }
}
