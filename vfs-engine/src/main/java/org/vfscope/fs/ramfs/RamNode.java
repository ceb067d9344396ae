package org.vfscope.fs.ramfs;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One inode as the RAM "disk" stores it: what an on-disk inode, its data blocks and its directory
 * blocks would hold. Guarded by the {@link RamStore}'s monitor.
 */
final class RamNode {
    final long ino;
    int mode;
    int uid;
    int gid;
    int nlink;
    long size;
    long rdev;
    Instant atime;
    Instant mtime;
    Instant ctime;
    /** A symlink's target. */
    String target;
    /** Data pages by page index; absent pages are holes. */
    final NavigableMap<Long, byte[]> pages = new TreeMap<>();
    /** Directory entries: name to ino, and creation cookie to name for a stable readdir order. */
    final Map<String, Long> entries = new HashMap<>();
    final Map<String, Long> cookieOf = new HashMap<>();
    final NavigableMap<Long, String> byCookie = new TreeMap<>();
    long nextCookie = 2;
    /** The parent directory, for "..". */
    long parent;
    final NavigableMap<String, byte[]> xattrs = new TreeMap<>();

    RamNode(long ino) {
        this.ino = ino;
    }

    void addEntry(String name, long child) {
        entries.put(name, child);
        long cookie = nextCookie++;
        cookieOf.put(name, cookie);
        byCookie.put(cookie, name);
    }

    void removeEntry(String name) {
        entries.remove(name);
        Long cookie = cookieOf.remove(name);
        if (cookie != null) {
            byCookie.remove(cookie);
        }
    }
}
