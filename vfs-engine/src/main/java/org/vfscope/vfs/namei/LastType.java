package org.vfscope.vfs.namei;

/** What the last component of a path is (enum last_type in fs/namei.c). */
public enum LastType {
    /** An ordinary name. */
    NORM,
    /** The path ends in "/" alone: there is no last name. */
    ROOT,
    /** ".". */
    DOT,
    /** "..". */
    DOTDOT
}
