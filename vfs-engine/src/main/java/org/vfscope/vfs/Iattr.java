package org.vfscope.vfs;

import java.time.Instant;

/**
 * The attribute change passed to {@code InodeOperations.setattr}: the kernel's {@code struct iattr}.
 * A {@code null} field is not changed (its {@code ATTR_*} bit is clear).
 */
public record Iattr(Integer mode, Integer uid, Integer gid, Long size, Instant atime, Instant mtime, Instant ctime) {

    public static Iattr mode(int mode, Instant now) {
        return new Iattr(mode, null, null, null, null, null, now);
    }

    public static Iattr owner(Integer uid, Integer gid, Instant now) {
        return new Iattr(null, uid, gid, null, null, null, now);
    }

    public static Iattr size(long size, Instant now) {
        return new Iattr(null, null, null, size, null, now, now);
    }

    public static Iattr times(Instant atime, Instant mtime, Instant now) {
        return new Iattr(null, null, null, null, atime, mtime, now);
    }

    public Iattr withMode(int newMode) {
        return new Iattr(newMode, uid, gid, size, atime, mtime, ctime);
    }
}
