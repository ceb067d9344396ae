package org.vfscope.visualizer.canvas;

import java.util.Objects;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Cursor;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import org.vfscope.visualizer.Frame;
import org.vfscope.visualizer.Selection;
import org.vfscope.visualizer.SnapshotFeed;
import org.vfscope.visualizer.Theme;

/**
 * The machinery every cache view shares. A model of type {@code M} is built from each {@link Frame}
 * on the feed's thread ({@link #buildModel}) and parked in an {@link AtomicReference}; an
 * {@link AnimationTimer} adopts the newest at the next pulse and repaints, at most once per
 * frame (and 25 times a second), only when something changed or a flash is fading, and only
 * while the view shows. The pointer is hit-tested against
 * the displayed model: hovering shows a tooltip drawn on the canvas, clicking publishes a
 * {@link Selection}; the wheel scrolls, Ctrl+wheel zooms.
 *
 * <p>Subclasses keep layout, hit-testing and text in plain classes and only paint here.
 */
public abstract class CanvasView<M> extends Region {
    private final Canvas canvas = new Canvas();
    private final SnapshotFeed feed;
    private final boolean ownsFeed;
    private final Consumer<Frame> subscriber = this::takeFrame;
    private final AtomicReference<M> pending = new AtomicReference<>();
    private final ObjectProperty<Selection> selection = new SimpleObjectProperty<>(this, "selection");
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme", Theme.LIGHT);
    private final ReadOnlyStringWrapper hoverText = new ReadOnlyStringWrapper(this, "hoverText", "");
    private final Viewport viewport = new Viewport();
    private final TooltipPainter tooltipPainter = new TooltipPainter();
    private final Legend legend = new Legend();
    private M model;
    private M previousBuilt;
    private boolean dirty = true;
    private double mouseX = -1;
    private double mouseY = -1;
    private long framesDrawn;
    private volatile long buildNanos;
    private long paintNanos;
    private long lastPaintNanos;
    private boolean subscribed;
    /** Whether the view showed at the last pulse: written on the FX thread, read on the feed thread. */
    private volatile boolean shown = true;
    private volatile boolean buildWhileHidden;
    private volatile long modelsBuilt;
    /** Serializes model building: the feed thread, and a catch-up when a hidden view shows again. */
    private final Object buildLock = new Object();
    /** The last frame skipped while hidden, not yet built; guarded by {@link #buildLock}. */
    private Frame skipped;
    /**
     * At most 25 paints a second for a change (a new model, the pointer, the selection) and 12.5
     * for a flash that only fades: 10 Hz snapshots look the same, and a live engine keeps the CPU
     * (a software-rendered frame of a full window costs several milliseconds) that 60 Hz would take.
     */
    static final long MIN_PAINT_INTERVAL_NANOS =
            Long.getLong("vfscope.viz.minPaintMillis", 40) * 1_000_000L;
    static final long FADE_PAINT_INTERVAL_NANOS =
            Long.getLong("vfscope.viz.fadePaintMillis", 80) * 1_000_000L;

    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            pulse(now);
        }
    };

    /**
     * @param feed     where frames come from; a view made for a source alone owns its feed and
     *                 starts and stops it with its scene
     * @param ownsFeed whether this view starts and closes the feed
     */
    protected CanvasView(SnapshotFeed feed, boolean ownsFeed, M emptyModel) {
        this.feed = Objects.requireNonNull(feed, "feed");
        this.ownsFeed = ownsFeed;
        this.model = emptyModel;
        this.previousBuilt = emptyModel;
        getChildren().addAll(canvas, legend);
        getStyleClass().add("cache-view");
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, e -> hover(e.getX(), e.getY()));
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> hover(e.getX(), e.getY()));
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> hover(-1, -1));
        canvas.addEventHandler(MouseEvent.MOUSE_CLICKED, this::click);
        canvas.addEventHandler(ScrollEvent.SCROLL, this::scroll);
        theme.addListener((obs, old, now) -> {
            legend.setTheme(now);
            invalidate();
        });
        selection.addListener((obs, old, now) -> invalidate());
        // Running while in a scene whose window shows: a closed window's views stop their timers.
        sceneProperty().addListener((obs, old, now) -> {
            if (old != null) {
                old.windowProperty().removeListener(windowListener);
                windowChanged(old.getWindow(), null);
            }
            if (now != null) {
                now.windowProperty().addListener(windowListener);
                windowChanged(null, now.getWindow());
            }
            startOrStop();
        });
    }

    private final javafx.beans.value.ChangeListener<Boolean> showingListener = (obs, was, now) -> startOrStop();
    private final javafx.beans.value.ChangeListener<javafx.stage.Window> windowListener = (obs, old, now) -> {
        windowChanged(old, now);
        startOrStop();
    };

    private void windowChanged(javafx.stage.Window old, javafx.stage.Window now) {
        if (old != null) {
            old.showingProperty().removeListener(showingListener);
        }
        if (now != null) {
            now.showingProperty().addListener(showingListener);
        }
    }

    /** In a scene: subscribed; and in a showing window: the pulse timer runs. */
    private void startOrStop() {
        javafx.scene.Scene scene = getScene();
        if (scene == null) {
            stop();
            return;
        }
        start();
        if (scene.getWindow() == null || !scene.getWindow().isShowing()) {
            timer.stop();
        }
    }

    /** On the feed thread: the model for {@code frame}; {@code previous} is the last one built. */
    protected abstract M buildModel(Frame frame, M previous);

    /** On the FX thread: paints {@code model} on a cleared canvas of {@code w x h}. */
    protected abstract void paint(GraphicsContext g, M model, double w, double h, long nowNanos);

    /** What is at {@code (x, y)} in the last painted layout, or null. */
    protected abstract Hit hitAt(M model, double x, double y);

    /** On the FX thread, when {@code model} is adopted: start flashes for its events. */
    protected void adopted(M model, long nowNanos) {
    }

    /** Whether something is still moving (a flash fading): keeps repainting every pulse. */
    protected boolean animating(long nowNanos) {
        return false;
    }

    /** Requests a repaint at the next pulse. */
    public final void invalidate() {
        dirty = true;
    }

    public final ObjectProperty<Selection> selectionProperty() {
        return selection;
    }

    public final Selection getSelection() {
        return selection.get();
    }

    public final ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    public final Theme getTheme() {
        return theme.get();
    }

    public final void setTheme(Theme t) {
        theme.set(t);
    }

    /** The tooltip text for what is under the pointer; empty when nothing is. */
    public final ReadOnlyStringProperty hoverTextProperty() {
        return hoverText.getReadOnlyProperty();
    }

    public final String getHoverText() {
        return hoverText.get();
    }

    /** The key shown under the canvas. */
    public final Legend legend() {
        return legend;
    }

    /** The canvas's size, which layouts are computed for. */
    protected final double canvasWidth() {
        return canvas.getWidth();
    }

    protected final double canvasHeight() {
        return canvas.getHeight();
    }

    public final Viewport viewport() {
        return viewport;
    }

    /** The model on screen now. */
    public final M model() {
        return model;
    }

    public final SnapshotFeed feed() {
        return feed;
    }

    /** How many times this view has painted; for tests and measurements. */
    public final long framesDrawn() {
        return framesDrawn;
    }

    /** What a point shows, in this view's coordinates; for the workbench and tests. */
    public final Hit hitAt(double x, double y) {
        return hitAt(model, x, y);
    }

    /** Adopts any pending model and paints now, as a pulse would; FX thread. */
    public final void repaintNow() {
        adoptPending(System.nanoTime());
        paintNow(System.nanoTime());
    }

    private void start() {
        if (!subscribed) {
            // Subscribed only now: the subclass is fully built before its first model is.
            subscribed = true;
            feed.subscribe(subscriber);
        }
        timer.start();
        if (ownsFeed) {
            feed.start();
        }
    }

    private void stop() {
        timer.stop();
        subscribed = false;
        feed.unsubscribe(subscriber);
        if (ownsFeed) {
            feed.close();
        }
    }

    private void takeFrame(Frame frame) {
        synchronized (buildLock) {
            if (!shown && !buildWhileHidden && skipsWhileHidden()) {
                skipped = frame;
                frameSkipped(frame);
                return;
            }
            skipped = null;
            build(frame);
        }
    }

    /** Builds the model of the last frame skipped while hidden; its events were folded in already. */
    private void catchUp() {
        synchronized (buildLock) {
            Frame f = skipped;
            if (f != null) {
                skipped = null;
                build(new Frame(f.snapshot(), java.util.List.of(), 0, f.wallNanos()));
            }
        }
    }

    private void build(Frame frame) {
        long t0 = System.nanoTime();
        M built = buildModel(frame, previousBuilt);
        previousBuilt = built;
        pending.set(built);
        modelsBuilt++;
        buildNanos += System.nanoTime() - t0;
    }

    /**
     * Whether frames that arrive while the view is hidden (another tab shows) are skipped, their
     * model built only for the last of them once the view shows again: a 100k-dentry model costs
     * milliseconds per frame that nobody sees. False for views whose models carry a history.
     */
    protected boolean skipsWhileHidden() {
        return true;
    }

    /** On the feed thread, for a skipped frame: fold in what must not be lost (event counts). */
    protected void frameSkipped(Frame frame) {
    }

    /** Builds every frame's model even while hidden, for callers that read hidden views' models. */
    public final void setBuildWhileHidden(boolean build) {
        buildWhileHidden = build;
        if (build) {
            catchUp();
        }
    }

    /** Whether the view showed at its last animation pulse (true before the first). */
    public final boolean shownAtLastPulse() {
        return shown;
    }

    /** How many models were built so far; for measurements and tests. */
    public final long modelsBuilt() {
        return modelsBuilt;
    }

    /** Nanoseconds spent building models so far (feed thread); for measurements. */
    public final long buildNanos() {
        return buildNanos;
    }

    /** Nanoseconds spent painting so far (FX thread); for measurements. */
    public final long paintNanos() {
        return paintNanos;
    }

    private void pulse(long now) {
        boolean nowShowing = showing();
        if (nowShowing != shown) {
            shown = nowShowing;
            if (nowShowing) {
                // Off the FX thread: the feed may be idle (paused) and the model takes milliseconds.
                ForkJoinPool.commonPool().execute(this::catchUp);
            }
        }
        adoptPending(now);
        // A view in a hidden tab keeps its model current but paints only once it shows again.
        long since = now - lastPaintNanos;
        boolean due = dirty ? since >= MIN_PAINT_INTERVAL_NANOS
                : since >= FADE_PAINT_INTERVAL_NANOS && animating(now);
        if (due && nowShowing) {
            paintNow(now);
        }
    }

    private void adoptPending(long now) {
        M next = pending.getAndSet(null);
        if (next != null) {
            model = next;
            adopted(next, now);
            dirty = true;
            if (mouseX >= 0) {
                refreshHover();
            }
        }
    }

    /** Whether this view and every parent up to the scene's root are visible. */
    private boolean showing() {
        for (javafx.scene.Node n = this; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return getScene() != null;
    }

    private void paintNow(long now) {
        long t0 = System.nanoTime();
        dirty = false;
        lastPaintNanos = now;
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(theme.get().background());
        g.fillRect(0, 0, w, h);
        if (w > 0 && h > 0) {
            paint(g, model, w, h, now);
            if (mouseX >= 0 && !hoverText.get().isEmpty()) {
                tooltipPainter.paint(g, theme.get(), hoverText.get(), mouseX, mouseY, w, h);
            }
        }
        framesDrawn++;
        paintNanos += System.nanoTime() - t0;
    }

    @Override
    protected void layoutChildren() {
        double w = Math.floor(getWidth());
        double legendH = Math.ceil(legend.prefHeight(w));
        legend.resizeRelocate(0, Math.floor(getHeight()) - legendH, w, legendH);
        double h = Math.max(0, Math.floor(getHeight()) - legendH);
        if (w != canvas.getWidth() || h != canvas.getHeight()) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            dirty = true;
        }
    }

    @Override
    protected double computePrefWidth(double height) {
        return 900;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 600;
    }

    @Override
    protected double computeMinWidth(double height) {
        return 200;
    }

    @Override
    protected double computeMinHeight(double width) {
        return 150;
    }

    private void hover(double x, double y) {
        mouseX = x;
        mouseY = y;
        refreshHover();
        dirty = true;
    }

    private void refreshHover() {
        Hit hit = mouseX < 0 ? null : hitAt(model, mouseX, mouseY);
        hoverText.set(hit == null ? "" : hit.tooltip());
        canvas.setCursor(hit != null && hit.selection() != null ? Cursor.HAND : Cursor.DEFAULT);
    }

    private void click(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        Hit hit = hitAt(model, e.getX(), e.getY());
        if (hit != null && hit.selection() != null) {
            selection.set(hit.selection());
        }
    }

    private void scroll(ScrollEvent e) {
        if (e.isControlDown()) {
            viewport.zoomBy(e.getDeltaY() > 0 ? 1.25 : 0.8);
        } else {
            viewport.scrollBy(-e.getDeltaY());
        }
        hover(e.getX(), e.getY());
        e.consume();
    }
}
