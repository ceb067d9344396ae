package org.vfscope.fs.ext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vfscope.block.BlockDevices;
import org.vfscope.sys.Process;
import org.vfscope.vfs.DirEntry;
import org.vfscope.vfs.FileMode;
import org.vfscope.vfs.Kernel;
import org.vfscope.vfs.KernelClock;
import org.vfscope.vfs.OpenFlags;
import org.vfscope.vfs.Stat;
import org.vfscope.vfs.VfsException;

/**
 * Hostile images never crash or hang the reader: random bytes of small images are flipped
 * (in the metadata areas, and anywhere), then the image is mounted and everything in it is
 * walked and read. Only VfsExceptions may come out; the timeout guards against hangs only.
 */
class ExtCorruptionSmokeTest {
    private static final int SEEDS = 200;
    /** One base image per layout: ext4 with metadata_csum, ext2 with indirect blocks, inline_data. */
    private static final List<Base> BASES = new ArrayList<>();
    @TempDir
    static Path tmp;

    private record Base(String name, byte[] bytes, int bs, List<long[]> hotRanges) {
    }

    @BeforeAll
    static void baseImages() throws IOException {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Random rnd = new Random(42);
        Files.write(src.resolve("small"), SourceTree.bytes(rnd, 50));
        Files.write(src.resolve("medium"), SourceTree.bytes(rnd, 20_000));
        try (RandomAccessFile f = new RandomAccessFile(src.resolve("sparse").toFile(), "rw")) {
            for (int i = 0; i < 8; i++) {
                f.seek(i * 40_000L);
                f.write(SourceTree.bytes(rnd, 1500));
            }
            f.seek(300L * 1024 + 12 * 1024);
            f.write(SourceTree.bytes(rnd, 100));
        }
        Path big = Files.createDirectories(src.resolve("big"));
        for (int i = 0; i < 300; i++) {
            Files.write(big.resolve("entry-number-" + i), SourceTree.bytes(rnd, i % 5));
        }
        Path sub = Files.createDirectories(src.resolve("a/b/c"));
        Files.write(sub.resolve("deep"), SourceTree.bytes(rnd, 3000));
        Files.createSymbolicLink(src.resolve("a/short"), Path.of("b/c/deep"));
        Files.createSymbolicLink(src.resolve("a/long"), Path.of("x/".repeat(50) + "y"));
        Files.createLink(src.resolve("a/hard"), src.resolve("small"));
        ExtTools.run("mknod", src.resolve("a/dev").toString(), "c", "4", "5");
        ExtTools.run("setfattr", "-n", "user.a", "-v", "1", src.resolve("small").toString());
        ExtTools.run("setfattr", "-n", "user.big", "-v", "0x" + "ee".repeat(500), src.resolve("medium").toString());
        base("ext4", src, 1024, "-t", "ext4", "-b", "1024");
        base("ext2", src, 1024, "-t", "ext2", "-b", "1024", "-I", "128");
        base("inline", src, 4096, "-t", "ext4", "-b", "4096", "-O", "inline_data");
    }

    private static void base(String name, Path src, int bs, String... opts) throws IOException {
        Path img = tmp.resolve(name + ".img");
        List<String> cmd = new ArrayList<>(List.of("mke2fs", "-q", "-F", "-N", "512"));
        cmd.addAll(List.of(opts));
        cmd.addAll(List.of("-d", src.toString(), img.toString(), bs == 1024 ? "2M" : "4M"));
        ExtTools.run(cmd);
        ExtTools.reindex(img);
        List<long[]> hot = new ArrayList<>();
        String dump = ExtTools.run("dumpe2fs", img.toString());
        Matcher it = Pattern.compile("Inode table at (\\d+)-(\\d+)").matcher(dump);
        long metaEnd = 0;
        while (it.find()) {
            metaEnd = Math.max(metaEnd, Long.parseLong(it.group(2)) + 1);
        }
        hot.add(new long[] {0, metaEnd * bs});
        for (String path : List.of("/", "/big", "/a", "/a/b", "/sparse", "/medium")) {
            Matcher blocks = Pattern.compile("(\\d+)").matcher(ExtTools.debugfs(img, "blocks " + path));
            int n = 0;
            while (blocks.find() && n++ < 8) {
                long b = Long.parseLong(blocks.group(1));
                hot.add(new long[] {b * bs, (b + 1) * bs});
            }
        }
        BASES.add(new Base(name, Files.readAllBytes(img), bs, hot));
    }

    static IntStream seeds() {
        return IntStream.range(0, SEEDS);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aCorruptedImageGivesOnlyVfsExceptions(int seed) throws IOException {
        Random rnd = new Random(seed);
        Base base = BASES.get(seed % BASES.size());
        byte[] bytes = base.bytes().clone();
        int flips = 1 + rnd.nextInt(seed % 4 == 0 ? 200 : 12);
        for (int i = 0; i < flips; i++) {
            long pos;
            if (rnd.nextInt(3) > 0) {
                long[] r = base.hotRanges().get(rnd.nextInt(base.hotRanges().size()));
                pos = r[0] + (long) (rnd.nextDouble() * (r[1] - r[0]));
            } else {
                pos = (long) (rnd.nextDouble() * bytes.length);
            }
            bytes[(int) Math.min(pos, bytes.length - 1)] ^= (byte) (1 + rnd.nextInt(255));
        }
        Path img = tmp.resolve("corrupt-" + seed + ".img");
        Files.write(img, bytes);
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> mountAndWalk(img), "seed " + seed + " on "
                    + base.name());
        } finally {
            Files.deleteIfExists(img);
        }
    }

    private static void mountAndWalk(Path img) {
        KernelClock clock = new KernelClock.Manual(Instant.parse("2030-01-01T00:00:00Z"));
        Kernel kernel = Kernel.boot(clock);
        kernel.addBlockDevice("img", BlockDevices.openImage(img, BlockDevices.OpenMode.READ_ONLY, clock));
        Process p = Process.init(kernel);
        p.mkdir("/mnt", 0755);
        try {
            p.mount("img", "/mnt", "ext4", "ro");
        } catch (VfsException e) {
            assertThat(e.getMessage()).as("mount refused by design, not by a bug").doesNotContain("mount failed:");
            return; // refusing a corrupt superblock is fine
        }
        Walk w = new Walk(p);
        w.dir("/mnt", 0);
        quietly(() -> p.statfs("/mnt"));
        ExtSuper ext = ExtSuper.of(kernel.superBlocks().stream().filter(s -> ExtSuper.of(s) != null)
                .findFirst().orElseThrow());
        assertThat(ext.problems().size()).isLessThanOrEqualTo(ExtProblems.MAX_KEPT);
        assertThat(ext.problems()).as("driver bugs met on hostile data")
                .noneMatch(pr -> pr.code() == ExtProblem.Code.INTERNAL);
        quietly(() -> {
            p.umount("/mnt");
            return null;
        });
    }

    /** Visits everything reachable, each operation on its own, bounded in entries and depth. */
    private static final class Walk {
        private final Process p;
        private final Set<Long> dirsSeen = new HashSet<>();
        private int entries;

        Walk(Process p) {
            this.p = p;
        }

        void dir(String path, int depth) {
            if (depth > 32 || entries > 5000) {
                return;
            }
            List<DirEntry> list = quietly(() -> TreeComparerNames.list(p, path));
            if (list == null) {
                return;
            }
            for (DirEntry e : list) {
                if (e.name().equals(".") || e.name().equals("..") || e.name().contains("/") || e.name().isEmpty()
                        || e.name().indexOf('\0') >= 0 || ++entries > 5000) {
                    continue;
                }
                String child = path + "/" + e.name();
                Stat st = quietly(() -> p.lstat(child));
                List<String> xattrs = quietly(() -> p.llistxattr(child));
                if (xattrs != null) {
                    xattrs.forEach(n -> quietly(() -> p.lgetxattr(child, n)));
                }
                if (st == null) {
                    continue;
                }
                switch (st.mode() & FileMode.S_IFMT) {
                    case FileMode.S_IFDIR -> {
                        if (dirsSeen.add(st.ino())) {
                            dir(child, depth + 1);
                        }
                    }
                    case FileMode.S_IFREG -> quietly(() -> TreeComparer.readAll(p, child, 256 * 1024));
                    case FileMode.S_IFLNK -> {
                        quietly(() -> p.readlink(child));
                        quietly(() -> p.stat(child));
                    }
                    default -> {
                    }
                }
            }
        }
    }

    /** getdents over a directory, whole. */
    private static final class TreeComparerNames {
        static List<DirEntry> list(Process p, String path) {
            List<DirEntry> out = new ArrayList<>();
            int fd = p.open(path, OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY);
            try {
                for (int i = 0; i < 10_000; i++) {
                    List<DirEntry> batch = p.getdents(fd, 128);
                    if (batch.isEmpty()) {
                        break;
                    }
                    out.addAll(batch);
                }
            } finally {
                p.close(fd);
            }
            return out;
        }
    }

    /** Runs one operation; a VfsException is an acceptable answer, anything else fails the test. */
    private static <T> T quietly(java.util.concurrent.Callable<T> op) {
        try {
            return op.call();
        } catch (VfsException e) {
            return null;
        } catch (Exception e) {
            throw new AssertionError("non-VFS exception: " + e, e);
        }
    }
}
