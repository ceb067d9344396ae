package org.vfscope.fs.ext;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vfscope.vfs.OpenFlags;
import org.vfscope.vfs.VfsException;

/**
 * Hostile inline inodes met by the write side: random bytes of the inline objects' i_size,
 * i_block and in-inode xattr area are flipped, then every file is written, truncated and given
 * an xattr, every directory gains and loses entries. Only VfsExceptions may come out, and none
 * may be an internal error (a bug met on the data, which {@code guard} turns into EIO).
 */
class ExtInlineCorruptionWriteTest {
    private static final int SEEDS = 60;
    private static final Pattern AT = Pattern.compile("located at block (\\d+), offset 0x([0-9a-f]+)");
    @TempDir
    static Path tmp;
    private static byte[] base;
    /** Byte ranges of the inline inodes: i_size, then i_block up to the end of the inode. */
    private static final List<long[]> HOT = new ArrayList<>();
    private static final List<String> FILES = List.of("/tiny", "/sixty", "/mid", "/mid2", "/mid3", "/d/a", "/d/b", "/f/x");
    private static final List<String> DIRS = List.of("/d", "/e", "/f", "/f/sub");

    @BeforeAll
    static void baseImage() throws Exception {
        Path src = ExtInlineDataWriteTest.source(tmp);
        Path img = ExtTools.mkfs(tmp.resolve("img"), "ext4", "16M", src, "-O", "inline_data,^metadata_csum",
                "-b", "1024");
        for (String p : concat(FILES, DIRS)) {
            Matcher m = AT.matcher(ExtTools.debugfs(img, "imap " + p));
            assertThat(m.find()).as(p).isTrue();
            long at = Long.parseLong(m.group(1)) * 1024 + Long.parseLong(m.group(2), 16);
            HOT.add(new long[] {at + 0x04, at + 0x08}); // i_size
            HOT.add(new long[] {at + 0x28, at + 256}); // i_block and the in-inode xattrs
        }
        base = Files.readAllBytes(img);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    static IntStream seeds() {
        return IntStream.range(0, SEEDS);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void corruptInlineInodesAreRefusedNeverCrashTheWriter(int seed) throws Exception {
        Random rnd = new Random(seed);
        byte[] bytes = base.clone();
        int flips = 1 + rnd.nextInt(6);
        for (int i = 0; i < flips; i++) {
            long[] r = HOT.get(rnd.nextInt(HOT.size()));
            int pos = (int) (r[0] + rnd.nextInt((int) (r[1] - r[0])));
            bytes[pos] ^= (byte) (1 + rnd.nextInt(255));
        }
        Path img = tmp.resolve("corrupt-" + seed + ".img");
        Files.write(img, bytes);
        try {
            ExtRw rw = ExtRw.mount(img, "ext4");
            for (String f : FILES) {
                attempt(() -> rw.p.truncate("/mnt" + f, 7));
                attempt(() -> rw.p.lsetxattr("/mnt" + f, "user.k", new byte[] {1, 2}, 0));
                attempt(() -> {
                    int fd = rw.p.open("/mnt" + f, OpenFlags.O_WRONLY, 0);
                    try {
                        rw.p.pwrite(fd, ByteBuffer.wrap(new byte[300]), 50);
                    } finally {
                        rw.p.close(fd);
                    }
                });
            }
            for (String d : DIRS) {
                attempt(() -> rw.p.mkdir("/mnt" + d + "/new", 0755));
                attempt(() -> rw.p.rename("/mnt/mid", "/mnt" + d + "/moved"));
                attempt(() -> rw.p.rmdir("/mnt" + d));
            }
            attempt(() -> rw.p.unlink("/mnt/d/a"));
            attempt(rw::unmount);
            assertThat(rw.ext().problems()).as("seed " + seed)
                    .noneMatch(p -> p.code() == ExtProblem.Code.INTERNAL);
        } finally {
            Files.deleteIfExists(img);
        }
    }

    /** Runs a step that may be refused; anything but a VfsException fails the test. */
    private static void attempt(Runnable step) {
        try {
            step.run();
        } catch (VfsException e) {
            assertThat(e.getMessage()).doesNotContain("internal error");
        }
    }
}
