package org.vfscope.fs.ext;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Random;

/**
 * A source tree for {@code mke2fs -d} that touches every case the reader must get right:
 * sizes around the direct / indirect / double / triple indirect boundaries of the block size,
 * sparse files, long and UTF-8 names, hard links, short and long symlinks, fifo, socket, device
 * nodes in the old and new encodings, set-id and sticky modes, owners, xattrs, old timestamps.
 */
final class SourceTree {
    private SourceTree() {
    }

    static Path build(Path src, int bs, boolean xattrs) {
        try {
            Files.createDirectories(src);
            Random rnd = new Random(bs);
            long apb = bs / 4;
            long[] sizes = {0, 1, bs - 1, bs, bs + 1, 12L * bs, 12L * bs + 1, 13L * bs,
                (12 + apb) * bs, (12 + apb) * bs + 1, 5000, 65537};
            Path sizesDir = Files.createDirectories(src.resolve("sizes"));
            for (long size : sizes) {
                write(sizesDir.resolve("f" + size), bytes(rnd, (int) size));
            }
            // Sparse: data beyond a hole in the indirect, double and triple indirect ranges.
            Path sparse = Files.createDirectories(src.resolve("sparse"));
            sparseFile(sparse.resolve("hole-then-data"), rnd, 20L * bs, 100);
            sparseFile(sparse.resolve("double"), rnd, (12 + apb + 5) * bs + 7, 3000);
            sparseFile(sparse.resolve("triple"), rnd, (12 + apb + apb * apb + 3) * bs + 11, 2 * bs);
            try (RandomAccessFile f = new RandomAccessFile(sparse.resolve("all-hole").toFile(), "rw")) {
                f.setLength(3L * bs + 5);
            }
            // Many separate pieces: more extents than fit in the inode, so the tree grows a level.
            try (RandomAccessFile f = new RandomAccessFile(sparse.resolve("fragmented").toFile(), "rw")) {
                for (int i = 0; i < 12; i++) {
                    f.seek(i * 3L * bs);
                    f.write(bytes(rnd, bs));
                }
            }
            Path names = Files.createDirectories(src.resolve("names"));
            write(names.resolve("a".repeat(251) + ".txt"), bytes(rnd, 10));
            write(names.resolve("grüße-日本語-😀"), bytes(rnd, 33));
            write(names.resolve("with space and 'quote'"), bytes(rnd, 2));
            Path many = Files.createDirectories(src.resolve("many"));
            for (int i = 0; i < 150; i++) {
                write(many.resolve("entry-" + i + "-" + "x".repeat(i % 40)), bytes(rnd, i));
            }
            Path deep = src;
            for (int i = 0; i < 6; i++) {
                deep = Files.createDirectories(deep.resolve("d" + i));
            }
            write(deep.resolve("bottom"), bytes(rnd, 77));
            Path links = Files.createDirectories(src.resolve("links"));
            write(links.resolve("hl1"), bytes(rnd, 1234));
            Files.createLink(links.resolve("hl2"), links.resolve("hl1"));
            Files.createLink(src.resolve("hl3"), links.resolve("hl1"));
            Files.createSymbolicLink(links.resolve("short"), Path.of("hl1"));
            Files.createSymbolicLink(links.resolve("sixty"), Path.of("x".repeat(60)));
            Files.createSymbolicLink(links.resolve("long"), Path.of("../" + "long/".repeat(40) + "target"));
            Files.createSymbolicLink(links.resolve("dangling"), Path.of("/nowhere/at/all"));
            Path special = Files.createDirectories(src.resolve("special"));
            ExtTools.run("mkfifo", special.resolve("fifo").toString());
            ExtTools.run("mknod", special.resolve("null").toString(), "c", "1", "3");
            ExtTools.run("mknod", special.resolve("loop0").toString(), "b", "7", "0");
            ExtTools.run("mknod", special.resolve("bigdev").toString(), "c", "300", "70000");
            try (ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                s.bind(UnixDomainSocketAddress.of(special.resolve("sock")));
            }
            Path modes = Files.createDirectories(src.resolve("modes"));
            write(modes.resolve("setuid"), bytes(rnd, 5));
            ExtTools.run("chmod", "4755", modes.resolve("setuid").toString());
            write(modes.resolve("setgid"), bytes(rnd, 5));
            ExtTools.run("chmod", "2711", modes.resolve("setgid").toString());
            Files.createDirectories(modes.resolve("sticky"));
            ExtTools.run("chmod", "1777", modes.resolve("sticky").toString());
            write(modes.resolve("none"), bytes(rnd, 5));
            Files.setPosixFilePermissions(modes.resolve("none"), PosixFilePermissions.fromString("---------"));
            write(modes.resolve("owned"), bytes(rnd, 5));
            ExtTools.run("chown", "1234:5678", modes.resolve("owned").toString());
            ExtTools.run("chown", "-h", "4321:8765", links.resolve("short").toString());
            Files.setLastModifiedTime(modes.resolve("owned"), FileTime.from(Instant.parse("1999-12-31T23:59:58Z")));
            Files.setLastModifiedTime(modes.resolve("none"), FileTime.from(Instant.parse("1970-01-02T00:00:00Z")));
            if (xattrs) {
                Path x = Files.createDirectories(src.resolve("xattrs"));
                write(x.resolve("small"), bytes(rnd, 10));
                ExtTools.run("setfattr", "-n", "user.x", "-v", "y", x.resolve("small").toString());
                ExtTools.run("setfattr", "-n", "trusted.t", "-v", "0x00ff10", x.resolve("small").toString());
                write(x.resolve("big"), bytes(rnd, 10));
                ExtTools.run("setfattr", "-n", "user.big", "-v", "0x" + "ab".repeat(600),
                        x.resolve("big").toString());
                for (int i = 0; i < 4; i++) {
                    ExtTools.run("setfattr", "-n", "user.k" + i, "-v", "value-" + i, x.resolve("big").toString());
                }
                ExtTools.run("setfattr", "-n", "user.ondir", "-v", "d", x.toString());
                ExtTools.run("setfattr", "-n", "security.s", "-v", "sec", x.resolve("small").toString());
                if (Files.isExecutable(Path.of("/usr/bin/setfacl"))) {
                    write(x.resolve("acl-file"), bytes(rnd, 3));
                    ExtTools.run("setfacl", "-m", "u:1234:rw,g:55:r", x.resolve("acl-file").toString());
                    Files.createDirectories(x.resolve("acl-dir"));
                    ExtTools.run("setfacl", "-m", "u:77:rwx", "-d", "-m", "u:1234:rwx,g:9:r-x",
                            x.resolve("acl-dir").toString());
                }
            }
            return src;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(Random rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    static void write(Path p, byte[] data) throws IOException {
        Files.write(p, data);
    }

    private static void sparseFile(Path p, Random rnd, long offset, int len) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.write(bytes(rnd, 100));
            f.seek(offset);
            f.write(bytes(rnd, len));
        }
    }
}
