package org.vfscope.visualizer.dentry;

/** How a lookup names a dentry: the parent it was looked up in and the name. */
public record DentryKey(long parentId, String name) {
}
