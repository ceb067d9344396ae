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
 * thread) and painting each view (FX thread), and the frame rate when a view repaints on every pulse
 * (paint plus Prism's render). Not a test: run it with {@code -Dprism.order=sw -Dvfscope.viz.minPaintMillis=0} (no
 * paint-rate cap) on a display (Xvfb will do).
 */
public final class FrameCost {
    private static final int RUNS = 30;

    public static void main(String[] args) throws Exception {
        EngineSnapshot big = BigSnapshot.build(1);
        Fixtures.HandSource source = new Fixtures.HandSource(big);
        SnapshotFeed feed = new SnapshotFeed(source);
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        CacheViews views = onFx(() -> {
            CacheViews v = new CacheViews(feed, BlockDevice.of("sda", 1L << 30, 4096));
            Stage stage = new Stage();
            stage.setScene(new Scene(v, 1600, 1000));
            stage.show();
            return v;
        });
        for (int i = 0; i < 5; i++) {
            feed.pollOnce(); // warm up the builders
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < RUNS; i++) {
            source.set(BigSnapshot.build(i + 2));
        }
        long buildSnap = (System.nanoTime() - t0) / RUNS;
        t0 = System.nanoTime();
        for (int i = 0; i < RUNS; i++) {
            feed.pollOnce();
        }
        long models = (System.nanoTime() - t0) / RUNS;
        System.out.printf(Locale.ROOT, "prism.order=%s, 100,101 dentries, 100,000 pages%n",
                System.getProperty("prism.order", "(default)"));
        System.out.printf(Locale.ROOT, "models for all five views (feed thread): %.1f ms per frame "
                + "(building the hand-made snapshot itself: %.1f ms)%n", models / 1e6, buildSnap / 1e6);
        for (CacheViews.Kind kind : CacheViews.Kind.values()) {
            onFx(() -> {
                views.show(kind);
                return null;
            });
            Thread.sleep(300);
            CanvasView<?> view = views.views().get(kind.ordinal());
            long paint = onFx(() -> {
                for (int i = 0; i < 5; i++) {
                    view.repaintNow();
                }
                long s = System.nanoTime();
                for (int i = 0; i < RUNS; i++) {
                    view.repaintNow();
                }
                return (System.nanoTime() - s) / RUNS;
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
            System.out.printf(Locale.ROOT, "%-10s paint %6.2f ms   repainting every pulse: %5.1f frames/s (%.1f ms a frame)%n",
                    kind, paint / 1e6, fps, 1000 / fps);
        }
        Platform.exit();
        System.exit(0);
    }

    static <T> T onFx(java.util.concurrent.Callable<T> c) throws Exception {
        FutureTask<T> task = new FutureTask<>(c);
        Platform.runLater(task);
        return task.get();
    }
}
