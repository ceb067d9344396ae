package org.vfscope.app.workbench.editor;

/** The editors a node can open in. */
public enum EditorKind { TEXT, HEX, INODE, SUPERBLOCK }
