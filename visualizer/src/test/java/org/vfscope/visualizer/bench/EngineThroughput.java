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
 * Engine throughput of a read/write workload on ramfs with the five views attached (live
 * snapshots at 10 Hz, lookups traced, the window painting) against the same kernel set-up with
 * no views. Alternates the two, several rounds each. Not a test: run it on a display.
 */
public final class EngineThroughput {
    private static final int ROUNDS = 4;
    private static final long ROUND_NANOS = Duration.ofSeconds(5).toNanos();

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
        for (int r = 0; r < ROUNDS; r++) {
            without.add(run("none"));
            withoutPerCpu.add(lastPerCpu);
            with.add(run(mode));
            withPerCpu.add(lastPerCpu);
        }
        double a = median(without);
        double b = median(with);
        System.out.printf(Locale.ROOT, "without views: %s ops/s (median %.0f)%n", without, a);
        System.out.printf(Locale.ROOT, "with %s:    %s ops/s (median %.0f)%n", mode, with, b);
        System.out.printf(Locale.ROOT, "with / without: %.1f %%%n", 100 * b / a);
        System.out.printf(Locale.ROOT, "per CPU-second of the workload thread: without %.0f, with %.0f ops: %.1f %%%n",
                median(withoutPerCpu), median(withPerCpu), 100 * median(withPerCpu) / median(withoutPerCpu));
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (long id : mx.getAllThreadIds()) {
            java.lang.management.ThreadInfo info = mx.getThreadInfo(id);
            long cpu = mx.getThreadCpuTime(id);
            if (info != null && cpu > 200_000_000L) {
                System.out.printf(Locale.ROOT, "  cpu %-32s %6.1f s%n", info.getThreadName(), cpu / 1e9);
            }
        }
        Platform.exit();
        System.exit(0);
    }

    /** none: no observer; lookups: dcache lookups traced; feed: also snapshots at 10 Hz; views: also the window. */
    /** Ops per CPU-second of the workload thread in the last run: what is left once scheduling is out. */
    private static double lastPerCpu;

    private static double run(String mode) throws Exception {
        boolean views = mode.equals("views");
        Kernel kernel = Kernel.boot();
        Process p = Process.init(kernel);
        p.mkdir("/w", 0755);
        SnapshotFeed feed = null;
        Stage[] stage = new Stage[1];
        if (!mode.equals("none")) {
            kernel.setTraceLookups(true);
        }
        if (mode.equals("feed") || views) {
            feed = new SnapshotFeed(new LiveSnapshotSource(kernel, kernel.trace(), Duration.ofMillis(50)));
        }
        if (mode.equals("feed")) {
            feed.subscribe(f -> { });
            feed.start();
        }
        if (views) {
            SnapshotFeed f = feed;
            FrameCost.onFx(() -> {
                stage[0] = new Stage();
                stage[0].setScene(new Scene(new CacheViews(f, BlockDevice.of("none", 0, 4096)), 1600, 1000));
                stage[0].show();
                return null;
            });
            feed.start();
        }
        byte[] chunk = new byte[4096];
        ByteBuffer buf = ByteBuffer.allocate(4096);
        long ops = 0;
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = mx.getCurrentThreadCpuTime();
        long end = System.nanoTime() + ROUND_NANOS;
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
        lastPerCpu = ops / ((mx.getCurrentThreadCpuTime() - cpu0) / 1e9);
        if (feed != null) {
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

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        return s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
    }
}
