package org.vfscope.fs.ext;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.vfscope.sys.Process;
import org.vfscope.vfs.FileMode;
import org.vfscope.vfs.OpenFlags;

/**
 * The expected tree of an image being written: what every operation the tests run through the
 * engine should leave behind. Each operation is applied to the engine (through a Process, on
 * the image mounted at {@code mnt}) and to this model; the reference tools then compare the
 * image with the model. Hard links are one {@link Node} under several paths.
 */
final class ExtModel {
    /** One inode as the tests expect it. */
    static final class Node {
        final int type;
        int mode;
        int uid;
        int gid;
        byte[] data = new byte[0];
        String target;
        long major;
        long minor;
        /** Checked only when a test set it (utimes); null otherwise. */
        java.time.Instant mtime;
        final Map<String, byte[]> xattrs = new TreeMap<>();

        Node(int mode) {
            this.type = mode & FileMode.S_IFMT;
            this.mode = mode;
        }

        boolean isDir() {
            return type == FileMode.S_IFDIR;
        }
    }

    /** Path inside the filesystem ("/a/b") to node; "/" is the root. Insertion-ordered. */
    final Map<String, Node> paths = new LinkedHashMap<>();
    private final String mnt;
    int ops;
    /** Operations run through the engine by every model in this JVM, for the test report. */
    static final java.util.concurrent.atomic.AtomicLong TOTAL = new java.util.concurrent.atomic.AtomicLong();

    private void count() {
        ops++;
        TOTAL.incrementAndGet();
    }

    ExtModel(String mnt) {
        this.mnt = mnt;
        paths.put("/", new Node(FileMode.S_IFDIR | 0755));
    }

    /** The model of an image mke2fs made from nothing: the root and lost+found. */
    static ExtModel empty(String mnt) {
        ExtModel m = new ExtModel(mnt);
        m.paths.put("/lost+found", new Node(FileMode.S_IFDIR | 0700));
        return m;
    }

    /** The model of an image mke2fs -d made from {@code src} (without xattrs): its tree plus lost+found. */
    static ExtModel fromSource(String mnt, java.nio.file.Path src) {
        ExtModel m = empty(mnt);
        Map<Object, Node> byIno = new java.util.HashMap<>();
        try (var walk = java.nio.file.Files.walk(src)) {
            for (java.nio.file.Path f : (Iterable<java.nio.file.Path>) walk::iterator) {
                String rel = "/" + src.relativize(f);
                if (rel.equals("/")) {
                    continue;
                }
                Map<String, Object> a = java.nio.file.Files.readAttributes(f, "unix:*",
                        java.nio.file.LinkOption.NOFOLLOW_LINKS);
                Node n = byIno.get(a.get("ino"));
                if (n == null) {
                    n = new Node((Integer) a.get("mode"));
                    n.uid = (Integer) a.get("uid");
                    n.gid = (Integer) a.get("gid");
                    switch (n.type) {
                        case FileMode.S_IFREG -> n.data = java.nio.file.Files.readAllBytes(f);
                        case FileMode.S_IFLNK -> n.target = java.nio.file.Files.readSymbolicLink(f).toString();
                        case FileMode.S_IFCHR, FileMode.S_IFBLK -> {
                            long rdev = ((Number) a.get("rdev")).longValue();
                            n.major = ExtInodeRaw.major(rdev);
                            n.minor = ExtInodeRaw.minor(rdev);
                        }
                        default -> {
                        }
                    }
                    if (!n.isDir()) {
                        byIno.put(a.get("ino"), n);
                    }
                }
                m.paths.put(rel, n);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return m;
    }

    private String at(String path) {
        return path.equals("/") ? mnt : mnt + path;
    }

    static String parent(String path) {
        int i = path.lastIndexOf('/');
        return i == 0 ? "/" : path.substring(0, i);
    }

    static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    static String child(String dir, String name) {
        return dir.equals("/") ? "/" + name : dir + "/" + name;
    }

    List<String> children(String dir) {
        List<String> out = new ArrayList<>();
        for (String p : paths.keySet()) {
            if (!p.equals("/") && parent(p).equals(dir)) {
                out.add(p);
            }
        }
        return out;
    }

    /** Every path naming {@code n}. */
    List<String> namesOf(Node n) {
        List<String> out = new ArrayList<>();
        paths.forEach((p, x) -> {
            if (x == n) {
                out.add(p);
            }
        });
        return out;
    }

    // ---- operations, on the engine and the model at once ------------------------------------

    void mkdir(Process p, String path, int mode) {
        p.mkdir(at(path), mode);
        Node parent = paths.get(parent(path));
        int sgid = parent != null ? parent.mode & FileMode.S_ISGID : 0; // inode_init_owner: inherited by directories
        paths.put(path, new Node(FileMode.S_IFDIR | mode | sgid));
        count();
    }

    /** Creates (or truncates) and writes {@code data} at {@code offset} (leaving a hole before it). */
    void write(Process p, String path, int mode, long offset, byte[] data) {
        int fd = p.open(at(path), OpenFlags.O_WRONLY | OpenFlags.O_CREAT, mode);
        try {
            if (data.length > 0) {
                int n = p.pwrite(fd, java.nio.ByteBuffer.wrap(data), offset);
                if (n != data.length) {
                    throw new AssertionError("short write " + n + " of " + data.length + " to " + path);
                }
            }
        } finally {
            p.close(fd);
        }
        Node n = paths.computeIfAbsent(path, k -> new Node(FileMode.S_IFREG | mode));
        long end = offset + data.length;
        if (end > n.data.length) {
            n.data = Arrays.copyOf(n.data, (int) end);
        }
        System.arraycopy(data, 0, n.data, (int) offset, data.length);
        count();
    }

    void truncate(Process p, String path, long size) {
        p.truncate(at(path), size);
        Node n = paths.get(path);
        n.data = Arrays.copyOf(n.data, (int) size);
        count();
    }

    void symlink(Process p, String target, String path) {
        p.symlink(target, at(path));
        Node n = new Node(FileMode.S_IFLNK | 0777);
        n.target = target;
        paths.put(path, n);
        count();
    }

    void link(Process p, String existing, String path) {
        p.link(at(existing), at(path));
        paths.put(path, paths.get(existing));
        count();
    }

    void mknod(Process p, String path, int mode, long major, long minor) {
        p.mknod(at(path), mode, ExtInodeRaw.makedev(major, minor));
        Node n = new Node(mode);
        n.major = major;
        n.minor = minor;
        paths.put(path, n);
        count();
    }

    void unlink(Process p, String path) {
        p.unlink(at(path));
        paths.remove(path);
        count();
    }

    void rmdir(Process p, String path) {
        p.rmdir(at(path));
        paths.remove(path);
        count();
    }

    /** rm -r: children first. */
    void removeTree(Process p, String path) {
        Node n = paths.get(path);
        if (n.isDir()) {
            for (String c : children(path)) {
                removeTree(p, c);
            }
            rmdir(p, path);
        } else {
            unlink(p, path);
        }
    }

    /** rename(2): the target, if any, is replaced; a directory moves with everything under it. */
    void rename(Process p, String from, String to) {
        p.rename(at(from), at(to));
        moveInModel(from, to);
        count();
    }

    private void moveInModel(String from, String to) {
        Map<String, Node> moved = new LinkedHashMap<>();
        paths.entrySet().removeIf(e -> {
            String k = e.getKey();
            if (k.equals(from) || k.startsWith(from + "/")) {
                moved.put(to + k.substring(from.length()), e.getValue());
                return true;
            }
            return false;
        });
        paths.keySet().removeIf(k -> k.equals(to) || k.startsWith(to + "/"));
        paths.putAll(moved);
    }

    /** renameat2(RENAME_EXCHANGE). */
    void exchange(Process p, String a, String b) {
        p.rename(at(a), at(b), org.vfscope.vfs.RenameFlags.RENAME_EXCHANGE);
        String tmp = "/\u0000swap";
        moveInModel(a, tmp);
        moveInModel(b, a);
        moveInModel(tmp, b);
        count();
    }

    void chmod(Process p, String path, int mode) {
        p.chmod(at(path), mode);
        Node n = paths.get(path);
        n.mode = n.type | (mode & 07777);
        count();
    }

    void chown(Process p, String path, int uid, int gid) {
        p.lchown(at(path), uid, gid);
        Node n = paths.get(path);
        n.uid = uid;
        n.gid = gid;
        if (!n.isDir() && n.type != FileMode.S_IFLNK) {
            n.mode &= ~FileMode.S_ISUID; // chown drops set-user-ID on non-directories
            if ((n.mode & 010) != 0) {
                n.mode &= ~FileMode.S_ISGID;
            }
        }
        count();
    }

    void utimes(Process p, String path, java.time.Instant mtime) {
        p.lutimes(at(path), mtime, mtime);
        paths.get(path).mtime = mtime;
        count();
    }

    void setxattr(Process p, String path, String name, byte[] value) {
        p.lsetxattr(at(path), name, value, 0);
        paths.get(path).xattrs.put(name, value);
        count();
    }

    void removexattr(Process p, String path, String name) {
        p.lremovexattr(at(path), name);
        paths.get(path).xattrs.remove(name);
        count();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
