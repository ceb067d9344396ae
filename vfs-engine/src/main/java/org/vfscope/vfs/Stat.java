package org.vfscope.vfs;

import java.time.Instant;

/** What stat(2) returns: the kernel's {@code struct kstat}. */
public record Stat(
        long dev,
        long ino,
        int mode,
        int nlink,
        int uid,
        int gid,
        long rdev,
        long size,
        int blksize,
        long blocks,
        Instant atime,
        Instant mtime,
        Instant ctime) {

    public boolean isDir() {
        return FileMode.isDir(mode);
    }

    public boolean isRegular() {
        return FileMode.isReg(mode);
    }

    public boolean isSymlink() {
        return FileMode.isLnk(mode);
    }

    /** The permission and special bits without the file type. */
    public int permissions() {
        return mode & FileMode.S_IALLUGO;
    }
}
