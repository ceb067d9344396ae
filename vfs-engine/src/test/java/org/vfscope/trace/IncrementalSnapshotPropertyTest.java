package org.vfscope.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.vfscope.block.BlockDevices;
import org.vfscope.block.InstrumentedDevice;
import org.vfscope.mm.VmTunables;
import org.vfscope.sys.Process;
import org.vfscope.vfs.Kernel;
import org.vfscope.vfs.KernelClock;
import org.vfscope.vfs.OpenFlags;
import org.vfscope.vfs.VfsException;

/**
 * What makes the incremental snapshots honest: random operation sequences on a real engine
 * (ramfs in /w, or an ext2 image made by mke2fs at /mnt) with small cache bounds, so shrinkers,
 * writeback and (on the image) page reclaim and refaults run; after every step the incremental snapshot (which patched the
 * previous one with the change logs) must equal a full snapshot taken from scratch.
 */
class IncrementalSnapshotPropertyTest {
    private static final int OPS = 20;

    @Property(tries = 40, seed = "5")
    void incrementalSnapshotsEqualFullOnesOnRamfs(@ForAll @Size(min = 40, max = 200) List<@IntRange(min = 0, max = OPS - 1) Integer> ops,
            @ForAll @IntRange(min = 0, max = 1000) int salt) {
        KernelClock.Manual clock = new KernelClock.Manual(Instant.parse("2030-01-01T00:00:00Z"));
        Kernel k = Kernel.boot(clock);
        Process p = Process.init(k);
        p.mkdir("/w", 0755);
        run(k, clock, p, "/w", ops, salt);
    }

    @Property(tries = 8, seed = "7")
    void incrementalSnapshotsEqualFullOnesOnExt2(@ForAll @Size(min = 40, max = 160) List<@IntRange(min = 0, max = OPS - 1) Integer> ops,
            @ForAll @IntRange(min = 0, max = 1000) int salt) throws Exception {
        Path tmp = Files.createTempDirectory("snap-prop");
        Path img = tmp.resolve("img");
        try {
            java.lang.Process mk = new ProcessBuilder("mke2fs", "-q", "-F", "-t", "ext2", "-b", "1024", img.toString(), "4M")
                    .redirectErrorStream(true).start();
            mk.getInputStream().readAllBytes();
            assertThat(mk.waitFor()).as("mke2fs").isZero();
            KernelClock.Manual clock = new KernelClock.Manual(Instant.parse("2030-01-01T00:00:00Z"));
            Kernel k = Kernel.boot(clock);
            try (InstrumentedDevice dev = BlockDevices.openImage(img, BlockDevices.OpenMode.READ_WRITE, clock)) {
                k.addBlockDevice("img", dev);
                Process p = Process.init(k);
                p.mkdir("/mnt", 0755);
                p.mount("img", "/mnt", "ext2", "rw");
                run(k, clock, p, "/mnt", ops, salt);
                p.sync();
                p.umount("/mnt");
                assertSame(k, new SnapshotTaker(k).take(), "after umount");
            }
        } finally {
            try (var walk = Files.walk(tmp)) {
                for (Path f : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(f);
                }
            } catch (IOException ignored) {
                // a temporary directory left behind
            }
        }
    }

    private static void run(Kernel k, KernelClock.Manual clock, Process p, String top, List<Integer> ops, int salt) {
        k.tunables().set(VmTunables.CACHE_PAGES, 64L); // reclaim runs: pages leave, shadows refault
        k.setCacheLimits(40, 30); // the dentry and inode shrinkers run
        for (int d = 0; d < 3; d++) {
            p.mkdir(top + "/d" + d, 0755);
        }
        SnapshotTaker taker = new SnapshotTaker(k);
        assertSame(k, taker.take(), "first");
        long reclaimedBefore = k.pageCache().evictions();
        int maxPages = 0;
        // Past cache_pages at once: a large patch, reclaim from the inactive tail, and a full cache to work in.
        write(p, top + "/big0", 90, 1);
        read(p, top + "/big0");
        assertSame(k, taker.take(), "cache filled");
        Deque<Integer> open = new ArrayDeque<>();
        int steals = 0;
        for (int step = 0; step < ops.size(); step++) {
            int op = ops.get(step);
            int arg = Math.floorMod(step * 31 + salt * 7 + op, 97);
            String dir = top + "/d" + (arg % 3);
            String file = (arg % 4 == 0 ? top : dir) + "/f" + (arg % 5);
            try {
                switch (op) {
                    case 0 -> p.mkdir(dir, 0755);
                    case 1 -> write(p, file, 1 + arg % 24, arg);
                    case 2 -> read(p, file);
                    case 3 -> p.stat(dir + "/missing" + (arg % 3));
                    case 4 -> p.unlink(file);
                    case 5 -> p.rename(file, top + "/d" + ((arg + 1) % 3) + "/f" + ((arg + 2) % 5));
                    case 6 -> p.truncate(file, (arg % 3) * 4096L + 100);
                    case 7 -> p.sync();
                    case 8 -> k.shrinkAll(1 + arg % 8);
                    case 9 -> {
                        open.addLast(p.open(file, OpenFlags.O_RDWR));
                        if (open.size() > 3) {
                            p.close(open.removeFirst());
                        }
                    }
                    case 10 -> p.rmdir(dir);
                    case 11 -> p.link(file, dir + "/l" + (arg % 2));
                    case 12 -> {
                        if (!open.isEmpty()) {
                            p.fsync(open.peekFirst());
                        }
                    }
                    case 13 -> p.chmod(file, 0600 + arg % 64);
                    case 14 -> {
                        if (!open.isEmpty()) {
                            int fd = open.peekLast();
                            p.pwrite(fd, java.nio.ByteBuffer.wrap(new byte[100 + arg * 40]), (arg % 4) * 4096L);
                        }
                    }
                    case 15 -> clock.advanceMillis(6_000); // kupdate: expired inodes written, lists move
                    case 16 -> {
                        if (arg % 4 == 0) {
                            // Another taker takes: this one must notice and start again from a full copy.
                            new SnapshotTaker(k).take();
                            steals++;
                        } else {
                            write(p, top + "/big" + (arg % 2), 40 + arg % 40, arg); // past cache_pages
                        }
                    }
                    case 17 -> read(p, file); // read twice: pages activate
                    case 18 -> {
                        if (!open.isEmpty()) {
                            p.close(open.removeLast());
                        }
                    }
                    case 19 -> p.symlink(file, dir + "/s" + (arg % 2));
                    default -> throw new AssertionError(op);
                }
            } catch (VfsException expected) {
                // ENOENT, EEXIST, ENOTEMPTY...: the sequence goes on
            }
            EngineSnapshot s = taker.take();
            assertSame(k, s, "step " + step + " op " + op);
            maxPages = Math.max(maxPages, s.pageCache().pages().size());
        }
        while (!open.isEmpty()) {
            p.close(open.removeFirst());
        }
        assertSame(k, taker.take(), "all closed");
        // One full copy per cache at the start and after each steal; every other take patched.
        assertThat(taker.fullTakes()).as("caches copied in full").isLessThanOrEqualTo(3L * (1 + steals));
        // Not a vacuous run: the page cache filled and was reclaimed from.
        assertThat(maxPages).as("most pages seen").isGreaterThan(16);
        if (!top.equals("/w")) { // ramfs pages are never reclaimed; an image's are
            assertThat(k.pageCache().evictions()).as("pages reclaimed").isGreaterThan(reclaimedBefore);
        }
    }

    private static void assertSame(Kernel k, EngineSnapshot incremental, String when) {
        EngineSnapshot full = SnapshotTaker.full(k).take();
        assertThat(incremental.superBlocks()).as("superblocks, %s", when).isEqualTo(full.superBlocks());
        assertThat(incremental.dcache().dentries()).as("dentries, %s", when)
                .containsExactlyElementsOf(full.dcache().dentries());
        assertThat(incremental.dcache().stats()).as("dentry stats, %s", when).isEqualTo(full.dcache().stats());
        assertThat(incremental.icache().inodes()).as("inodes, %s", when).containsExactlyElementsOf(full.icache().inodes());
        assertThat(incremental.icache().stats()).as("inode stats, %s", when).isEqualTo(full.icache().stats());
        assertThat(incremental.writeback()).as("writeback, %s", when).isEqualTo(full.writeback());
        assertThat(incremental.pageCache().pages()).as("pages, %s", when)
                .containsExactlyElementsOf(full.pageCache().pages());
        assertThat(incremental.pageCache()).as("page cache, %s", when).isEqualTo(full.pageCache());
    }

    private static void write(Process p, String path, int pages, int arg) {
        int fd = p.open(path, OpenFlags.O_CREAT | OpenFlags.O_WRONLY | (arg % 2 == 0 ? OpenFlags.O_APPEND : 0), 0644);
        try {
            p.write(fd, new byte[pages * 4096 - arg]);
        } finally {
            p.close(fd);
        }
    }

    private static void read(Process p, String path) {
        int fd = p.open(path, OpenFlags.O_RDONLY);
        try {
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(8192);
            while (p.read(fd, buf) > 0) {
                buf.clear();
            }
        } finally {
            p.close(fd);
        }
    }
}
