package org.vfscope.app.cli.image;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A generated tree with what the image commands must carry exactly: sizes around 1 KiB and 4 KiB
 * block and indirect boundaries, a sparse file, long, hidden, spaced and UTF-8 names, hard links,
 * fast and slow, relative, absolute and dangling symlinks, setuid/setgid/sticky and odd modes,
 * other owners, a fifo and (as root) device nodes, an xattr, and distinct mtimes. Plus the
 * expected JSON entries, read back from the tree as lstat sees it.
 */
final class SourceTree {
    /** 2020-01-01 00:00 UTC; each file's mtime is this plus its index in hours. */
    static final long BASE_TIME = 1577836800L;
    static final String LONG_NAME = "n".repeat(200) + "-long.txt";
    static final String XATTR_FILE = "README.txt";

    private SourceTree() {
    }

    /** Builds the tree under {@code root} (which exists and is empty). */
    static void build(Path root) throws IOException, InterruptedException {
        write(root.resolve("README.txt"), "hello from the source tree\n".getBytes(StandardCharsets.UTF_8));
        write(root.resolve("empty.txt"), new byte[0]);
        Path sizes = Files.createDirectory(root.resolve("sizes"));
        for (int size : new int[] {1, 1023, 1024, 1025, 4095, 4096, 4097, 12 * 1024, 12 * 1024 + 1, 48 * 1024 + 1,
                268 * 1024 + 1, 1100 * 1024}) {
            write(sizes.resolve("b" + size), pattern(size, size));
        }
        sparse(root.resolve("sparse.bin"));
        Path deep = Files.createDirectories(root.resolve("deep/a/b/c/d/e"));
        write(deep.resolve("bottom.txt"), "bottom\n".getBytes(StandardCharsets.UTF_8));
        Path names = Files.createDirectory(root.resolve("names"));
        for (String n : List.of("résumé-été.txt", "with space.txt", ".hidden", LONG_NAME, "日本語.txt", "-dash")) {
            write(names.resolve(n), (n + "\n").getBytes(StandardCharsets.UTF_8));
        }
        Path links = Files.createDirectory(root.resolve("links"));
        write(links.resolve("hard1"), "one inode, two names\n".getBytes(StandardCharsets.UTF_8));
        Files.createLink(links.resolve("hard2"), links.resolve("hard1"));
        Files.createSymbolicLink(links.resolve("relative"), Path.of("../README.txt"));
        Files.createSymbolicLink(links.resolve("absolute"), Path.of("/README.txt"));
        Files.createSymbolicLink(links.resolve("dangling"), Path.of("../nowhere/missing"));
        Files.createSymbolicLink(links.resolve("slow"), Path.of("../deep/a/b/c/d/e/" + "x".repeat(80)));
        Files.createSymbolicLink(links.resolve("to-dir"), Path.of("../deep"));
        Path modes = Files.createDirectory(root.resolve("modes"));
        mode(write(modes.resolve("setuid"), "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8)), 04755);
        mode(write(modes.resolve("setgid"), "x".getBytes(StandardCharsets.UTF_8)), 02750);
        mode(write(modes.resolve("private"), "secret\n".getBytes(StandardCharsets.UTF_8)), 0600);
        mode(write(modes.resolve("none"), "none\n".getBytes(StandardCharsets.UTF_8)), 0);
        mode(Files.createDirectory(modes.resolve("sticky")), 01777);
        Path alice = write(modes.resolve("alice.txt"), "owned by 1000:1000\n".getBytes(StandardCharsets.UTF_8));
        Files.createDirectory(root.resolve("emptydir"));
        Path special = Files.createDirectory(root.resolve("special"));
        Tools.check("mkfifo", special.resolve("fifo").toString());
        if (isRoot()) {
            Files.setAttribute(alice, "unix:uid", 1000, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(alice, "unix:gid", 1000, LinkOption.NOFOLLOW_LINKS);
            Tools.check("mknod", special.resolve("null").toString(), "c", "1", "3");
            Tools.check("mknod", special.resolve("loop0").toString(), "b", "7", "0");
        }
        try {
            Files.getFileAttributeView(root.resolve(XATTR_FILE), UserDefinedFileAttributeView.class)
                    .write("comment", StandardCharsets.UTF_8.encode("hello"));
        } catch (IOException | UnsupportedOperationException e) {
            // no user xattrs where the tests run: the xattr check is skipped
        }
        setTimes(root);
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Data at 0, at 512 KiB and in the last block of 2 MiB; holes between. */
    private static void sparse(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.write(pattern(4096, 7));
            f.seek(512 * 1024);
            f.write(pattern(5000, 11));
            f.setLength(2 * 1024 * 1024);
            f.seek(2 * 1024 * 1024 - 100);
            f.write(pattern(100, 13));
        }
    }

    /** Bytes that differ by position and seed, and are never a long run of zeros. */
    static byte[] pattern(int size, int seed) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) ((i * 31 + seed) % 251 + 1);
        }
        return b;
    }

    private static Path write(Path file, byte[] content) throws IOException {
        return Files.write(file, content);
    }

    private static void mode(Path file, int mode) throws IOException {
        Files.setAttribute(file, "unix:mode", mode, LinkOption.NOFOLLOW_LINKS);
    }

    /** Distinct mtimes (and atimes an hour later), children before their directory. */
    private static void setTimes(Path root) throws IOException, InterruptedException {
        List<Path> all;
        try (Stream<Path> s = Files.walk(root)) {
            all = new ArrayList<>(s.toList());
        }
        for (int i = all.size() - 1; i >= 0; i--) {
            long t = BASE_TIME + 3600L * i;
            Path p = all.get(i);
            if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                    && !Files.isSymbolicLink(p)) {
                // The JDK opens the file to set its times, and opening a fifo blocks: touch does not open it.
                Tools.check("touch", "-h", "-m", "-d", "@" + t, p.toString());
                continue;
            }
            Files.getFileAttributeView(all.get(i), BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(FileTime.from(Instant.ofEpochSecond(t)), FileTime.from(Instant.ofEpochSecond(t + 3600)), null);
        }
    }

    /**
     * The {@code ls -R --json} entries the tree must list, in the order ls lists them (each
     * directory's names sorted by bytes, a directory's entries right after it). {@code ino} is
     * left out (the image numbers its own inodes), and directory sizes and link counts too
     * (they depend on how each filesystem lays directories out).
     */
    /** One `ls --json` entry in the shape of {@link #expectedEntries}: no ino; size and nlink only for non-directories. */
    static Map<String, Object> comparable(com.fasterxml.jackson.databind.JsonNode e) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("path", e.get("path").asText());
        m.put("name", e.get("name").asText());
        m.put("type", e.get("type").asText());
        m.put("mode", e.get("mode").asInt());
        if (!e.get("type").asText().equals("dir")) {
            m.put("size", e.get("size").asLong());
            m.put("nlink", e.get("nlink").asInt());
        }
        m.put("uid", e.get("uid").asInt());
        m.put("gid", e.get("gid").asInt());
        m.put("mtime", e.get("mtime").asLong());
        if (e.has("target")) {
            m.put("target", e.get("target").asText());
        }
        return m;
    }

    static List<Map<String, Object>> expectedEntries(Path root) throws IOException {
        List<Map<String, Object>> entries = new ArrayList<>();
        collect(root, "", entries);
        return entries;
    }

    private static void collect(Path dir, String relative, List<Map<String, Object>> entries) throws IOException {
        List<Path> children;
        try (Stream<Path> s = Files.list(dir)) {
            children = new ArrayList<>(s.toList());
        }
        children.sort((a, b) -> Directory.compareBytes(a.getFileName().toString(), b.getFileName().toString()));
        for (Path child : children) {
            String name = child.getFileName().toString();
            LocalEntry e = LocalEntry.read(child);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", relative + "/" + name);
            m.put("name", name);
            m.put("type", FileTypes.name(e.mode()));
            m.put("mode", e.permissions());
            if (!e.isDir()) {
                m.put("size", e.size());
                m.put("nlink", e.nlink());
            }
            m.put("uid", e.uid());
            m.put("gid", e.gid());
            m.put("mtime", e.mtime().getEpochSecond());
            if (e.isSymlink()) {
                m.put("target", Files.readSymbolicLink(child).toString());
            }
            entries.add(m);
            if (e.isDir()) {
                collect(child, relative + "/" + name, entries);
            }
        }
    }

    static String sha256(Path file) throws IOException {
        return sha256(Files.readAllBytes(file));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
