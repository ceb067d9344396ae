package org.vfscope.visualizer.dentry;

import org.vfscope.trace.DentryInfo;

/** A dentry in the tree outline, at its depth below its filesystem's root. */
public record DentryRow(DentryInfo dentry, int depth) {
}
