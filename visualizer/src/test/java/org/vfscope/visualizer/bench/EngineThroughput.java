package org.vfscope.visualizer.bench;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.vfscope.sys.Process;
import org.vfscope.trace.LiveSnapshotSource;
import org.vfscope.vfs.Kernel;
import org.vfscope.vfs.OpenFlags;
import org.vfscope.visualizer.CacheViews;
import org.vfscope.visualizer.SnapshotFeed;
import org.vfscope.visualizer.block.BlockDevice;

/**
 * Engine throughput of a read/write workload on ramfs (by default 4,000 files of 8 pages, 32k
 * pages and some 8k dentries cached, read and written at random pages, names looked up and
 * missed, files created and unlinked; {@code -Dworkload=small} for the old 16-file loop) with the five views attached (live
 * snapshots every {@code -DperiodMillis} ms, 100 as the views poll by default, 16 for 60 Hz;
 * lookups traced; the window painting) against the same kernel set-up with no views. Alternates
 * the two, {@code -Drounds} rounds of {@code -DroundMillis} each, and reports the best of each,
 * ops per CPU-second of the workload thread and of the whole process, and with
 * {@code -Dthreads=true} each thread's CPU and the per-frame snapshot, build and paint times.
 * {@code -Dmode=feed} takes snapshots and builds no window. Not a test: run it on a display
 * (Xvfb will do) with {@code -Dprism.order=sw}.
 */
public final class EngineThroughput {
    private static final int ROUNDS = Integer.getInteger("rounds", 4);
    private static final long ROUND_NANOS = Duration.ofMillis(Long.getLong("roundMillis", 5000)).toNanos();
    /** The feed's period: 100 ms is what the views use; 16 ms polls at 60 Hz. */
    private static final Duration PERIOD = Duration.ofMillis(Long.getLong("periodMillis", 100));
    /** big (the default): 4,000 files of 8 pages in 40 directories, random page reads and writes; small: 16 files rewritten. */
    private static final boolean BIG = !"small".equals(System.getProperty("workload", "big"));
    private static final int DIRS = 40;
    private static final int FILES = 100;
    private static final int PAGES = 8;

    public static void main(String[] args) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        Platform.setImplicitExit(false); // closing a round's window must not end JavaFX
        List<Double> without = new ArrayList<>();
        List<Double> with = new ArrayList<>();
        List<Double> withoutPerCpu = new ArrayList<>();
        List<Double> withPerCpu = new ArrayList<>();
        String mode = System.getProperty("mode", "views");
        List<Double> withoutPerProc = new ArrayList<>();
        List<Double> withPerProc = new ArrayList<>();
        for (int r = 0; r < ROUNDS; r++) {
            without.add(run("none"));
            withoutPerCpu.add(lastPerCpu);
            withoutPerProc.add(lastPerProcessCpu);
            with.add(run(mode));
            withPerCpu.add(lastPerCpu);
            withPerProc.add(lastPerProcessCpu);
        }
        double a = java.util.Collections.max(without);
        double b = java.util.Collections.max(with);
        System.out.printf(Locale.ROOT, "without views: %s ops/s (best %.0f)%n", without, a);
        System.out.printf(Locale.ROOT, "with %s:    %s ops/s (best %.0f)%n", mode, with, b);
        System.out.printf(Locale.ROOT, "with / without (best of %d, feed every %d ms): %.1f %%%n", ROUNDS,
                PERIOD.toMillis(), 100 * b / a);
        List<Double> pairs = new ArrayList<>();
        List<Double> cpuPairs = new ArrayList<>();
        for (int r = 0; r < ROUNDS; r++) {
            pairs.add(100 * with.get(r) / without.get(r));
            cpuPairs.add(100 * withPerCpu.get(r) / withoutPerCpu.get(r));
        }
        System.out.printf(Locale.ROOT, "with / without, round by round (A/B pairs): wall %s %%, median %.1f %%;"
                + " per workload-thread CPU-second %s %%, median %.1f %%%n", fmt(pairs), median(pairs), fmt(cpuPairs),
                median(cpuPairs));
        System.out.printf(Locale.ROOT, "per workload-thread CPU-second, each round: without %s, with %s%n",
                fmt(withoutPerCpu), fmt(withPerCpu));
        System.out.printf(Locale.ROOT, "frames taken per views round: %s%n", framesPerRound);
        System.out.printf(Locale.ROOT, "per CPU-second of the workload thread: without %.0f, with %.0f ops: %.1f %%%n",
                median(withoutPerCpu), median(withPerCpu), 100 * median(withPerCpu) / median(withoutPerCpu));
        System.out.printf(Locale.ROOT, "per CPU-second of the whole process: without %.0f, with %.0f ops (best of %d): %.1f %%%n",
                java.util.Collections.max(withoutPerProc), java.util.Collections.max(withPerProc), ROUNDS,
                100 * java.util.Collections.max(withPerProc) / java.util.Collections.max(withoutPerProc));
        for (java.lang.management.GarbageCollectorMXBean gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            System.out.printf(Locale.ROOT, "  gc %-30s %d collections, %.1f s%n", gc.getName(), gc.getCollectionCount(),
                    gc.getCollectionTime() / 1e3);
        }
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (long id : mx.getAllThreadIds()) {
            java.lang.management.ThreadInfo info = mx.getThreadInfo(id);
            long cpu = mx.getThreadCpuTime(id);
            if (info != null && cpu > 50_000_000L) {
                System.out.printf(Locale.ROOT, "  cpu %-32s %6.1f s%n", info.getThreadName(), cpu / 1e9);
            }
        }
        Platform.exit();
        System.exit(0);
    }

    /** none: no observer; lookups: dcache lookups traced; feed: also snapshots at 10 Hz; views: also the window. */
    /** Ops per CPU-second of the workload thread in the last run: what is left once scheduling is out. */
    private static double lastPerCpu;
    /** Ops per CPU-second of the whole process (views, renderer, GC, JIT): the cost on a machine with no spare core. */
    private static double lastPerProcessCpu;
    private static final List<Long> framesPerRound = new ArrayList<>();
    private static volatile long snapshotNanos;

    private static double run(String mode) throws Exception {
        boolean views = mode.equals("views");
        Kernel kernel = Kernel.boot();
        Process p = Process.init(kernel);
        p.mkdir("/w", 0755);
        if (BIG) {
            populate(kernel, p);
        }
        SnapshotFeed feed = null;
        Stage[] stage = new Stage[1];
        CacheViews[] viewsOf = new CacheViews[1];
        if (!mode.equals("none")) {
            kernel.setTraceLookups(true);
        }
        if (mode.equals("feed") || views) {
            LiveSnapshotSource live = new LiveSnapshotSource(kernel, kernel.trace(), Duration.ZERO);
            feed = new SnapshotFeed(new org.vfscope.trace.SnapshotSource() {
                @Override
                public org.vfscope.trace.EngineSnapshot latest() {
                    long t0 = System.nanoTime();
                    org.vfscope.trace.EngineSnapshot s = live.latest();
                    snapshotNanos += System.nanoTime() - t0;
                    return s;
                }

                @Override
                public org.vfscope.trace.EventBatch eventsSince(long seq) {
                    return live.eventsSince(seq);
                }
            });
        }
        if (mode.equals("feed")) {
            feed.subscribe(f -> { });
            feed.start(PERIOD);
        }
        if (views) {
            SnapshotFeed f = feed;
            FrameCost.onFx(() -> {
                stage[0] = new Stage();
                viewsOf[0] = new CacheViews(f, BlockDevice.of("none", 0, 4096));
                stage[0].setScene(new Scene(viewsOf[0], 1600, 1000));
                stage[0].show();
                return null;
            });
            feed.start(PERIOD);
        }
        byte[] chunk = new byte[4096];
        ByteBuffer buf = ByteBuffer.allocate(4096);
        long ops = 0;
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = mx.getCurrentThreadCpuTime();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long proc0 = os.getProcessCpuTime();
        java.util.Map<Long, Long> threads0 = threadCpu(mx);
        long end = System.nanoTime() + ROUND_NANOS;
        if (BIG) {
            ops = bigWorkload(p, end);
        } else {
            ops = smallWorkload(p, end, chunk, buf);
        }
        lastPerCpu = ops / ((mx.getCurrentThreadCpuTime() - cpu0) / 1e9);
        lastPerProcessCpu = ops / ((os.getProcessCpuTime() - proc0) / 1e9);
        if (Boolean.getBoolean("threads")) {
            java.util.Map<Long, Long> threads1 = threadCpu(mx);
            StringBuilder sb = new StringBuilder("  " + mode + " round, process " + (os.getProcessCpuTime() - proc0) / 1_000_000
                    + " ms CPU:");
            threads1.forEach((id, cpu) -> {
                long d = cpu - threads0.getOrDefault(id, 0L);
                java.lang.management.ThreadInfo info = mx.getThreadInfo(id);
                if (d > 20_000_000L && info != null) {
                    sb.append(String.format(Locale.ROOT, " %s %d ms;", info.getThreadName(), d / 1_000_000));
                }
            });
            System.out.println(sb);
        }
        if (feed != null) {
            framesPerRound.add(feed.framesTaken());
            if (Boolean.getBoolean("threads")) {
                long frames = Math.max(1, feed.framesTaken());
                StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "    per frame: snapshot %.2f ms",
                        snapshotNanos / 1e6 / frames));
                snapshotNanos = 0;
                if (viewsOf[0] != null) {
                    for (org.vfscope.visualizer.canvas.CanvasView<?> v : viewsOf[0].views()) {
                        sb.append(String.format(Locale.ROOT, "; %s build %.2f ms, paint %.2f ms x %d",
                                v.getClass().getSimpleName(), v.buildNanos() / 1e6 / frames,
                                v.framesDrawn() == 0 ? 0 : v.paintNanos() / 1e6 / v.framesDrawn(), v.framesDrawn()));
                    }
                }
                System.out.println(sb);
            }
            feed.close();
        }
        if (views) {
            FrameCost.onFx(() -> {
                stage[0].close();
                return null;
            });
        }
        return ops / (ROUND_NANOS / 1e9);
    }

    /** The old loop: 16 files written (256 KiB) and read twice over, a missed name, now and then a truncate. */
    private static long smallWorkload(Process p, long end, byte[] chunk, ByteBuffer buf) {
        long ops = 0;
        for (int i = 0; System.nanoTime() < end; i++) {
            String path = "/w/f" + (i % 16);
            int fd = p.open(path, OpenFlags.O_CREAT | OpenFlags.O_RDWR, 0644);
            for (int k = 0; k < 64; k++) { // 256 KiB written
                p.write(fd, chunk);
            }
            ops += 65;
            for (int pass = 0; pass < 2; pass++) {
                p.lseek(fd, 0, org.vfscope.vfs.Seek.SEEK_SET);
                while (true) {
                    buf.clear();
                    ops++;
                    if (p.read(fd, buf) <= 0) {
                        break;
                    }
                }
            }
            p.close(fd);
            try {
                p.stat("/w/missing" + (i % 64));
            } catch (org.vfscope.vfs.VfsException expected) {
                // a negative lookup
            }
            ops += 2;
            if (i % 16 == 15) {
                p.truncate(path, 0);
                ops++;
            }
        }
        return ops;
    }

    /** 4,000 files of 8 pages; the caches large enough to hold them (page cache, dentries, inodes). */
    private static void populate(Kernel kernel, Process p) {
        kernel.setCacheLimits(1_000_000, 1_000_000);
        kernel.tunables().set(org.vfscope.mm.VmTunables.CACHE_PAGES, 400_000L);
        byte[] data = new byte[PAGES * 4096];
        for (int d = 0; d < DIRS; d++) {
            p.mkdir("/w/d" + d, 0755);
            for (int f = 0; f < FILES; f++) {
                int fd = p.open("/w/d" + d + "/f" + f, OpenFlags.O_CREAT | OpenFlags.O_WRONLY, 0644);
                p.write(fd, data);
                p.close(fd);
            }
        }
        kernel.sync();
    }

    /**
     * Random page reads (60 %) and writes (25 %) of random files, stats of present (5 %) and
     * missing (5 %) names, and a file created and another unlinked (5 %); each system call is an
     * op. The same seed every round, so both kinds of round run the same calls.
     */
    private static long bigWorkload(Process p, long end) {
        java.util.Random rnd = new java.util.Random(42);
        ByteBuffer page = ByteBuffer.allocate(4096);
        byte[] block = new byte[4096];
        long ops = 0;
        for (int i = 0; System.nanoTime() < end; i++) {
            String dir = "/w/d" + rnd.nextInt(DIRS);
            String path = dir + "/f" + rnd.nextInt(FILES);
            int what = rnd.nextInt(20);
            if (what < 12) {
                int fd = p.open(path, OpenFlags.O_RDONLY);
                page.clear();
                p.pread(fd, page, rnd.nextInt(PAGES) * 4096L);
                p.close(fd);
                ops += 3;
            } else if (what < 17) {
                int fd = p.open(path, OpenFlags.O_WRONLY);
                p.pwrite(fd, ByteBuffer.wrap(block), rnd.nextInt(PAGES) * 4096L);
                p.close(fd);
                ops += 3;
            } else if (what == 17) {
                p.stat(path);
                ops++;
            } else if (what == 18) {
                try {
                    p.stat(dir + "/missing" + rnd.nextInt(10_000));
                } catch (org.vfscope.vfs.VfsException expected) {
                    // a negative lookup
                }
                ops++;
            } else {
                String made = dir + "/new" + (i % 512);
                try {
                    p.unlink(made); // made 512 such ops ago, if it was
                } catch (org.vfscope.vfs.VfsException expected) {
                    // not made yet
                }
                int fd = p.open(made, OpenFlags.O_CREAT | OpenFlags.O_WRONLY, 0644);
                p.write(fd, block);
                p.close(fd);
                ops += 4;
            }
        }
        return ops;
    }

    private static java.util.Map<Long, Long> threadCpu(java.lang.management.ThreadMXBean mx) {
        java.util.Map<Long, Long> m = new java.util.HashMap<>();
        for (long id : mx.getAllThreadIds()) {
            m.put(id, mx.getThreadCpuTime(id));
        }
        return m;
    }

    private static String fmt(List<Double> xs) {
        StringBuilder sb = new StringBuilder("[");
        for (double x : xs) {
            sb.append(sb.length() > 1 ? ", " : "").append(String.format(Locale.ROOT, "%.0f", x));
        }
        return sb.append(']').toString();
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        return s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
    }
}
