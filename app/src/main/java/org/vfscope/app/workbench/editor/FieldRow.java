package org.vfscope.app.workbench.editor;

/** One named value in the inode and superblock views (and the inspector). */
public record FieldRow(String group, String field, String value) {
}
