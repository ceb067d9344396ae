package org.vfscope.app.workbench.editor;

/** What loading an editor input produced, for the view to show. */
public sealed interface Loaded {
    EditorInput input();

    record Text(TextDocument document) implements Loaded {
        public EditorInput input() {
            return document.input();
        }
    }

    record Hex(HexDocument document) implements Loaded {
        public EditorInput input() {
            return document.input();
        }
    }

    record Inode(EditorInput input, InodeReport report) implements Loaded {
    }

    record Superblock(EditorInput input, SuperblockReport report) implements Loaded {
    }
}
