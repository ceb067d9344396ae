package org.vfscope.visualizer.bench;

import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.vfscope.trace.EngineSnapshot;
import org.vfscope.visualizer.CacheViews;
import org.vfscope.visualizer.Fixtures;
import org.vfscope.visualizer.SnapshotFeed;
import org.vfscope.visualizer.block.BlockDevice;
import org.vfscope.visualizer.canvas.CanvasView;

/**
 * Measures what a frame of 100k dentries and 100k pages costs: building the models (feed
 * thread; with {@code -Dreal=true} every poll also takes a fresh snapshot of a real engine, and
 * with {@code -Dchurn=N} N small operations change the engine before each poll: page reads and
 * writes, stats of present and missing names, so each snapshot has something to patch), first for
 * all five views, then with one view shown (the hidden ones skip their models), and painting each
 * view (FX thread), and the frame rate when a view repaints on every pulse (paint plus Prism's render). Not a test: run it with {@code -Dprism.order=sw -Dvfscope.viz.minPaintMillis=0} (no
 * paint-rate cap) on a display (Xvfb will do).
 */
public final class FrameCost {
    private static final int RUNS = 30;
    /** Operations run on the engine before each measured poll (with -Dreal=true). */
    private static final int CHURN = Integer.getInteger("churn", 0);
    private static org.vfscope.sys.Process proc;
    private static int churned;

    /** A few operations of a read/write workload: pages read and written, names found and missed. */
    private static void churn() {
        if (proc == null) {
            return;
        }
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(4 * 4096);
        for (int i = 0; i < CHURN; i++) {
            int n = churned++;
            switch (n % 4) {
                case 0 -> {
                    int fd = proc.open("/file" + (n * 7 % 100), org.vfscope.vfs.OpenFlags.O_RDONLY);
                    buf.clear();
                    proc.pread(fd, buf, (n * 13 % 996) * 4096L);
                    proc.close(fd);
                }
                case 1 -> {
                    int fd = proc.open("/file" + (n * 11 % 100), org.vfscope.vfs.OpenFlags.O_WRONLY);
                    proc.pwrite(fd, java.nio.ByteBuffer.wrap(new byte[4096]), (n * 17 % 1000) * 4096L);
                    proc.close(fd);
                }
                case 2 -> proc.stat("/d" + (n % 100) + "/f" + (n % 500));
                default -> {
                    try {
                        proc.stat("/d" + (n % 100) + "/gone" + n);
                    } catch (org.vfscope.vfs.VfsException expected) {
                        // a new negative dentry
                    }
                }
            }
        }
    }

    public static void main(String[] args) throws Exception {
        EngineSnapshot big = BigSnapshot.build(1);
        org.vfscope.trace.SnapshotSource source = new Fixtures.HandSource(big);
        if (Boolean.getBoolean("real")) {
            org.vfscope.vfs.Kernel kernel = realKernel();
            big = realSnapshot(kernel);
            // Every poll takes a fresh snapshot of the engine: a whole frame's work on the feed thread.
            source = new org.vfscope.trace.LiveSnapshotSource(kernel, kernel.trace());
        }
        SnapshotFeed feed = new SnapshotFeed(source);
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        CacheViews views = onFx(() -> {
            CacheViews v = new CacheViews(feed, BlockDevice.of("sda", 1L << 30, 4096));
            Stage stage = new Stage();
            stage.setScene(new Scene(v, 1600, 1000));
            stage.show();
            v.views().forEach(view -> view.setBuildWhileHidden(true)); // first: every model, as before
            return v;
        });
        for (int i = 0; i < 5; i++) {
            feed.pollOnce(); // warm up the builders
        }
        long[] built0 = new long[5];
        for (int v = 0; v < 5; v++) {
            built0[v] = views.views().get(v).buildNanos();
        }
        java.util.List<Long> polls = new java.util.ArrayList<>();
        java.util.List<Long> pollCpu = new java.util.ArrayList<>();
        java.lang.management.ThreadMXBean tmx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < RUNS; i++) {
            churn();
            long c0 = tmx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            feed.pollOnce();
            polls.add(System.nanoTime() - t0);
            pollCpu.add(tmx.getCurrentThreadCpuTime() - c0);
        }
        polls.sort(null);
        pollCpu.sort(null);
        System.out.printf(Locale.ROOT, "prism.order=%s, %,d dentries, %,d pages, %,d inodes%n",
                System.getProperty("prism.order", "(default)"), big.dcache().dentries().size(),
                big.pageCache().pages().size(), big.icache().inodes().size());
        StringBuilder perView = new StringBuilder();
        for (int v = 0; v < 5; v++) {
            perView.append(String.format(Locale.ROOT, " %s %.1f", CacheViews.Kind.values()[v],
                    (views.views().get(v).buildNanos() - built0[v]) / 1e6 / RUNS));
        }
        System.out.printf(Locale.ROOT, (Boolean.getBoolean("real") ? "fresh snapshot + models of all five views" : "models of all five views")
                + " (feed thread): best %.1f ms, median %.1f ms per frame"
                + " (thread CPU best %.1f ms, median %.1f ms); mean per view (ms):%s%n", polls.get(0) / 1e6,
                polls.get(RUNS / 2) / 1e6, pollCpu.get(0) / 1e6, pollCpu.get(RUNS / 2) / 1e6, perView);
        for (CacheViews.Kind kind : CacheViews.Kind.values()) {
            onFx(() -> {
                views.show(kind);
                return null;
            });
            onFx(() -> {
                views.views().forEach(view -> view.setBuildWhileHidden(false));
                return null;
            });
            Thread.sleep(300); // pulses see which view shows; hidden ones skip from now on
            CanvasView<?> view = views.views().get(kind.ordinal());
            long[] frame = new long[RUNS];
            long[] frameCpu = new long[RUNS];
            for (int i = 0; i < RUNS; i++) {
                churn();
                long c0 = tmx.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                feed.pollOnce();
                frame[i] = System.nanoTime() - t0;
                frameCpu[i] = tmx.getCurrentThreadCpuTime() - c0;
            }
            java.util.Arrays.sort(frame);
            java.util.Arrays.sort(frameCpu);
            long[] paint = onFx(() -> {
                java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
                for (int i = 0; i < 5; i++) {
                    view.repaintNow();
                }
                long[] wall = new long[RUNS];
                long[] cpu = new long[RUNS];
                for (int i = 0; i < RUNS; i++) {
                    long c0 = mx.getCurrentThreadCpuTime();
                    long s = System.nanoTime();
                    view.repaintNow();
                    wall[i] = System.nanoTime() - s;
                    cpu[i] = mx.getCurrentThreadCpuTime() - c0;
                }
                java.util.Arrays.sort(wall);
                java.util.Arrays.sort(cpu);
                return new long[] {wall[0], wall[RUNS / 2], cpu[RUNS / 2]};
            });
            // Repaint on every pulse for a while: a frame that paints and renders within 16.7 ms keeps 60 fps.
            javafx.animation.AnimationTimer forcer = new javafx.animation.AnimationTimer() {
                @Override
                public void handle(long now) {
                    view.invalidate();
                }
            };
            long before = onFx(() -> {
                forcer.start();
                return view.framesDrawn();
            });
            long s0 = System.nanoTime();
            Thread.sleep(3000);
            long frames = onFx(() -> {
                forcer.stop();
                return view.framesDrawn();
            }) - before;
            double fps = frames / ((System.nanoTime() - s0) / 1e9);
            System.out.printf(Locale.ROOT, "%-10s feed thread per frame, this view shown: best %6.2f ms, median %6.2f ms"
                    + " (CPU best %6.2f, median %6.2f); paint best %6.2f ms, median %6.2f ms (FX thread CPU median %6.2f ms)"
                    + "   repainting every pulse: %5.1f frames/s (%.1f ms a frame)%n",
                    kind, frame[0] / 1e6, frame[RUNS / 2] / 1e6, frameCpu[0] / 1e6, frameCpu[RUNS / 2] / 1e6,
                    paint[0] / 1e6, paint[1] / 1e6, paint[2] / 1e6, fps, 1000 / fps);
        }
        Platform.exit();
        System.exit(0);
    }

    /**
     * A real engine with 100k dentries (100 directories of 500 files and 500 negative names) and
     * 100k pages (100 files of 1,000 pages), and what snapshots of it cost: best and median of 15.
     */
    private static org.vfscope.vfs.Kernel realKernel() {
        org.vfscope.vfs.Kernel k = org.vfscope.vfs.Kernel.boot();
        k.setCacheLimits(1_000_000, 1_000_000);
        k.tunables().set(org.vfscope.mm.VmTunables.CACHE_PAGES, 400_000L);
        org.vfscope.sys.Process p = org.vfscope.sys.Process.init(k);
        proc = p;
        for (int d = 0; d < 100; d++) {
            p.mkdir("/d" + d, 0755);
            for (int f = 0; f < 500; f++) {
                p.close(p.open("/d" + d + "/f" + f, org.vfscope.vfs.OpenFlags.O_CREAT | org.vfscope.vfs.OpenFlags.O_WRONLY,
                        0644));
                try {
                    p.stat("/d" + d + "/missing" + f);
                } catch (org.vfscope.vfs.VfsException expected) {
                    // a negative dentry
                }
            }
        }
        byte[] chunk = new byte[1000 * 4096];
        for (int f = 0; f < 100; f++) {
            int fd = p.open("/file" + f, org.vfscope.vfs.OpenFlags.O_CREAT | org.vfscope.vfs.OpenFlags.O_WRONLY, 0644);
            p.write(fd, chunk);
            p.close(fd);
        }
        k.sync();
        return k;
    }

    private static EngineSnapshot realSnapshot(org.vfscope.vfs.Kernel k) {
        EngineSnapshot s = timeTakes("full snapshot (every object copied)", org.vfscope.trace.SnapshotTaker.full(k), false);
        org.vfscope.trace.SnapshotTaker taker = new org.vfscope.trace.SnapshotTaker(k);
        timeTakes("incremental snapshot, nothing changed", taker, false);
        if (CHURN > 0) {
            timeTakes("incremental snapshot after " + CHURN + " operations", taker, true);
        }
        return s;
    }

    /** Best and median of 15 takes (after 5 to warm up), wall and thread CPU; churn runs untimed before each. */
    private static EngineSnapshot timeTakes(String what, org.vfscope.trace.SnapshotTaker taker, boolean churn) {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        EngineSnapshot s = null;
        java.util.List<Long> wall = new java.util.ArrayList<>();
        java.util.List<Long> cpu = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            if (churn) {
                churn();
            }
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            s = taker.take();
            if (i >= 5) {
                wall.add(System.nanoTime() - t0);
                cpu.add(mx.getCurrentThreadCpuTime() - c0);
            }
        }
        wall.sort(null);
        cpu.sort(null);
        System.out.printf(Locale.ROOT, "%s of %,d dentries, %,d inodes, %,d pages: best %.2f ms, median %.2f ms"
                        + " (thread CPU best %.2f ms, median %.2f ms)%n", what, s.dcache().dentries().size(),
                s.icache().inodes().size(), s.pageCache().pages().size(), wall.get(0) / 1e6,
                wall.get(wall.size() / 2) / 1e6, cpu.get(0) / 1e6, cpu.get(cpu.size() / 2) / 1e6);
        return s;
    }

    static <T> T onFx(java.util.concurrent.Callable<T> c) throws Exception {
        FutureTask<T> task = new FutureTask<>(c);
        Platform.runLater(task);
        return task.get();
    }
}
