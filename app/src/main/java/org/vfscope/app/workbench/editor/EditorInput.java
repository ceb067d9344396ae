package org.vfscope.app.workbench.editor;

/**
 * What an editor tab shows: one file (or the filesystem, for the superblock view) of one volume in
 * one kind of editor. Equal inputs share a tab.
 */
public record EditorInput(int volume, String path, EditorKind kind) {
    public String title() {
        String name = path.equals("/") || path.isEmpty() ? "/" : path.substring(path.lastIndexOf('/') + 1);
        return switch (kind) {
            case TEXT -> name;
            case HEX -> name + " [hex]";
            case INODE -> name + " [inode]";
            case SUPERBLOCK -> "Superblock";
        };
    }
}
