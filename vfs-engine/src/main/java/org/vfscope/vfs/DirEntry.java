package org.vfscope.vfs;

/**
 * One entry that getdents(2) returns: name, inode number, {@code DT_*} type, and the directory
 * offset of the entry (lseek there and the next getdents returns it again).
 */
public record DirEntry(String name, long ino, int type, long offset) {
}
