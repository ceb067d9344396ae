package org.vfscope.fs.ext;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.vfscope.sys.Process;
import org.vfscope.vfs.DirEntry;
import org.vfscope.vfs.FileMode;
import org.vfscope.vfs.OpenFlags;
import org.vfscope.vfs.Stat;

/**
 * Compares a mounted image with the tree it was built from, entry by entry: names, types,
 * modes, owners, sizes, mtime seconds, content SHA-256, symlink targets, device numbers, hard
 * links sharing an inode, and (when asked) every xattr as getfattr sees it on the source.
 */
final class TreeComparer {
    private final Process p;
    private final String mnt;
    private final Path src;
    private final Map<Object, Long> inoBySourceIno = new HashMap<>();
    private final Map<Long, Object> sourceInoByIno = new HashMap<>();
    int files;
    /** Files bigger than this are compared in windows, not whole. */
    private static final long BIG = 64L << 20;
    private static final int WINDOW = 1 << 20;

    TreeComparer(Process p, String mnt, Path src) {
        this.p = p;
        this.mnt = mnt;
        this.src = src;
    }

    void compare(boolean xattrs) {
        Map<String, Map<String, String>> srcXattrs = xattrs ? sourceXattrs(src) : Map.of();
        try {
            Files.walkFileTree(src, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    check(dir, srcXattrs);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    check(file, srcXattrs);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String mountPath(Path file) {
        String rel = src.relativize(file).toString();
        return rel.isEmpty() ? mnt : mnt + "/" + rel;
    }

    private void check(Path file, Map<String, Map<String, String>> srcXattrs) throws IOException {
        files++;
        String path = mountPath(file);
        Map<String, Object> a = Files.readAttributes(file, "unix:*", LinkOption.NOFOLLOW_LINKS);
        Stat st = p.lstat(path);
        int mode = (Integer) a.get("mode");
        assertThat(Integer.toOctalString(st.mode())).as("mode of %s", path).isEqualTo(Integer.toOctalString(mode));
        assertThat(st.uid()).as("uid of %s", path).isEqualTo(a.get("uid"));
        assertThat(st.gid()).as("gid of %s", path).isEqualTo(a.get("gid"));
        if (!file.equals(src)) { // mke2fs stamps the root itself when it adds lost+found
            assertThat(st.mtime().getEpochSecond()).as("mtime of %s", path)
                    .isEqualTo(((FileTime) a.get("lastModifiedTime")).toInstant().getEpochSecond());
        }
        if (!file.equals(src) && !FileMode.isDir(mode)) {
            assertThat(st.nlink()).as("nlink of %s", path).isEqualTo(a.get("nlink"));
        }
        Object srcIno = a.get("ino");
        Long seen = inoBySourceIno.putIfAbsent(srcIno, st.ino());
        if (seen != null) {
            assertThat(st.ino()).as("hard link %s shares its inode", path).isEqualTo(seen);
        } else {
            assertThat(sourceInoByIno.put(st.ino(), srcIno)).as("inode %d named twice: %s", st.ino(), path).isNull();
        }
        switch (mode & FileMode.S_IFMT) {
            case FileMode.S_IFREG -> {
                long size = Files.size(file);
                assertThat(st.size()).as("size of %s", path).isEqualTo(size);
                if (size <= BIG) {
                    assertThat(sha256(readAll(path))).as("content of %s", path)
                            .isEqualTo(sha256(Files.readAllBytes(file)));
                } else {
                    // Huge sparse files: the head and the tail (where their data is) byte for byte.
                    for (long off : new long[] {0, size - WINDOW}) {
                        assertThat(sha256(pread(path, off, WINDOW))).as("content of %s at %d", path, off)
                                .isEqualTo(sha256(sourceRange(file, off, WINDOW)));
                    }
                }
            }
            case FileMode.S_IFLNK -> {
                String target = Files.readSymbolicLink(file).toString();
                assertThat(p.readlink(path)).as("target of %s", path).isEqualTo(target);
                assertThat(st.size()).isEqualTo(target.getBytes(StandardCharsets.UTF_8).length);
            }
            case FileMode.S_IFCHR, FileMode.S_IFBLK ->
                assertThat(st.rdev()).as("rdev of %s", path).isEqualTo(((Number) a.get("rdev")).longValue());
            case FileMode.S_IFDIR -> checkEntries(file, path);
            default -> {
            }
        }
        if (!srcXattrs.isEmpty() && !FileMode.isLnk(mode)) {
            Map<String, String> want = srcXattrs.getOrDefault(file.toString(), Map.of());
            Map<String, String> got = new TreeMap<>();
            for (String name : p.llistxattr(path)) {
                got.put(name, "0x" + HexFormat.of().formatHex(p.lgetxattr(path, name)));
            }
            assertThat(got).as("xattrs of %s", path).isEqualTo(new TreeMap<>(want));
        }
    }

    private void checkEntries(Path dir, String path) throws IOException {
        TreeSet<String> want = new TreeSet<>();
        try (var s = Files.list(dir)) {
            s.forEach(f -> want.add(f.getFileName().toString()));
        }
        want.add(".");
        want.add("..");
        if (dir.equals(src)) {
            want.add("lost+found");
        }
        assertThat(new TreeSet<>(names(p, path))).as("entries of %s", path).isEqualTo(want);
    }

    static List<String> names(Process p, String path) {
        List<String> out = new ArrayList<>();
        int fd = p.open(path, OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY);
        try {
            while (true) {
                List<DirEntry> batch = p.getdents(fd, 64);
                if (batch.isEmpty()) {
                    break;
                }
                batch.forEach(e -> out.add(e.name()));
            }
        } finally {
            p.close(fd);
        }
        return out;
    }

    private byte[] pread(String path, long off, int len) {
        int fd = p.open(path, OpenFlags.O_RDONLY);
        try {
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(len);
            while (buf.hasRemaining()) {
                int n = p.pread(fd, buf, off + buf.position());
                if (n <= 0) {
                    break;
                }
            }
            return java.util.Arrays.copyOf(buf.array(), buf.position());
        } finally {
            p.close(fd);
        }
    }

    private static byte[] sourceRange(Path file, long off, int len) throws IOException {
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(file.toFile(), "r")) {
            byte[] b = new byte[len];
            f.seek(off);
            f.readFully(b);
            return b;
        }
    }

    byte[] readAll(String path) {
        return readAll(p, path, Long.MAX_VALUE);
    }

    static byte[] readAll(Process p, String path, long max) {
        int fd = p.open(path, OpenFlags.O_RDONLY);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[65536];
            while (out.size() < max) {
                int n = p.read(fd, buf, 0, buf.length);
                if (n <= 0) {
                    break;
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } finally {
            p.close(fd);
        }
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** getfattr -R -h -d -m - -e hex on the whole tree: absolute path to name to hex value. */
    static Map<String, Map<String, String>> sourceXattrs(Path root) {
        String out = ExtTools.run("getfattr", "-R", "-h", "-d", "-m", "-", "-e", "hex", "--absolute-names",
                root.toString());
        Map<String, Map<String, String>> all = new HashMap<>();
        Map<String, String> current = null;
        for (String line : out.split("\n")) {
            if (line.startsWith("# file: ")) {
                current = new TreeMap<>();
                all.put(unescape(line.substring(8)), current);
            } else if (current != null && line.contains("=")) {
                int eq = line.indexOf('=');
                current.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return all;
    }

    /** getfattr quotes unusual bytes as \ooo. */
    private static String unescape(String s) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length() + 0 && s.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                b.write(Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return b.toString(StandardCharsets.UTF_8);
    }
}
