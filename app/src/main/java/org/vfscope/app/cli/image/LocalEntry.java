package org.vfscope.app.cli.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;

import org.vfscope.vfs.FileMode;

/**
 * A local file as lstat(2) sees it, through the JDK's "unix" attribute view: the type and mode,
 * owner, times, device and inode (to find hard links) and rdev (for device nodes).
 */
record LocalEntry(Path path, int mode, int uid, int gid, long size, Instant atime, Instant mtime,
                  long dev, long ino, int nlink, long rdev) {

    /**
     * The attributes taken from the one lstat: named, not "unix:*", which would also resolve
     * owner and group to names (a passwd and group lookup per file) that nobody reads.
     */
    private static final String ATTRIBUTES = "unix:mode,uid,gid,size,lastAccessTime,lastModifiedTime,dev,ino,nlink,rdev";

    /** Reads {@code path} without following a symlink there. */
    static LocalEntry read(Path path) throws IOException {
        Map<String, Object> a = Files.readAttributes(path, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        return new LocalEntry(path, (Integer) a.get("mode"), (Integer) a.get("uid"), (Integer) a.get("gid"),
                (Long) a.get("size"), ((FileTime) a.get("lastAccessTime")).toInstant(),
                ((FileTime) a.get("lastModifiedTime")).toInstant(), (Long) a.get("dev"), (Long) a.get("ino"),
                (Integer) a.get("nlink"), (Long) a.get("rdev"));
    }

    int type() {
        return mode & FileMode.S_IFMT;
    }

    int permissions() {
        return mode & FileMode.S_IALLUGO;
    }

    boolean isDir() {
        return type() == FileMode.S_IFDIR;
    }

    boolean isRegular() {
        return type() == FileMode.S_IFREG;
    }

    boolean isSymlink() {
        return type() == FileMode.S_IFLNK;
    }

    /** The identity hard links share. */
    record Key(long dev, long ino) {
    }

    Key key() {
        return new Key(dev, ino);
    }
}
