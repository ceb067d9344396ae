package org.vfscope.vfs.namei;

import org.vfscope.vfs.Path;

/**
 * The result of walking to the parent of a path's last component (filename_parentat): the
 * directory (referenced: the caller must {@code put()} it), the last name and its type, and
 * whether the path ended in a slash.
 */
public record ParentLookup(Path dir, String last, LastType type, boolean trailingSlash) {

    public void put() {
        dir.put();
    }
}
