package org.vfscope.visualizer;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javafx.geometry.Point2D;
import org.vfscope.visualizer.canvas.CanvasView;
import org.testfx.util.WaitForAsyncUtils;

/** Waiting for a view to show a frame, and finding its points on the screen. */
public final class ViewTestSupport {
    private ViewTestSupport() {
    }

    /** Polls the feed once and waits until the view has adopted and painted what it built. */
    public static void showNextFrame(SnapshotFeed feed, CanvasView<?> view) {
        long before = view.framesDrawn();
        Object shown = view.model();
        feed.pollOnce();
        await(() -> view.model() != shown && view.framesDrawn() > before);
    }

    public static void await(Supplier<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition::get);
        } catch (TimeoutException e) {
            throw new AssertionError("the view did not get there in 10 s", e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** A point of the view (its canvas sits at its origin) in screen coordinates. */
    public static Point2D onScreen(CanvasView<?> view, double x, double y) {
        return view.localToScreen(x, y);
    }
}
