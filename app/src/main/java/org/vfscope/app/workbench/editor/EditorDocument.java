package org.vfscope.app.workbench.editor;

import javafx.beans.property.ReadOnlyBooleanProperty;

/** An open tab's content as the tab bar and Save see it. */
public interface EditorDocument {
    EditorInput input();

    /** True while there are changes not yet written through the VFS: the tab shows "*". */
    ReadOnlyBooleanProperty dirtyProperty();

    default boolean isDirty() {
        return dirtyProperty().get();
    }

    /** Writes the changes through the VFS in the background; {@code onSaved} on success. */
    void save(Runnable onSaved);

    /** Undo and redo of the editor's own history. */
    void undo();

    void redo();
}
