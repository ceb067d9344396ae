package org.vfscope.visualizer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vfscope.trace.EngineSnapshot;
import org.vfscope.trace.EventBatch;
import org.vfscope.trace.SequencedEvent;
import org.vfscope.trace.SnapshotSource;
import org.vfscope.trace.TraceEvent;

/**
 * Polls a {@link SnapshotSource} on a background thread (a snapshot of 100k dentries takes tens
 * of milliseconds: never on the FX thread) and hands each {@link Frame} to its subscribers on that
 * thread, where the views build their models. The views pick the latest model up on the FX
 * thread at their next animation pulse.
 */
public final class SnapshotFeed implements AutoCloseable {
    /** 10 polls a second at speed 1: smooth enough to follow, cheap enough not to be noticed. */
    public static final Duration DEFAULT_PERIOD = Duration.ofMillis(100);
    /** At most 60 polls a second, one per frame, however fast the playback. */
    private static final long MIN_PERIOD_NANOS = Duration.ofMillis(16).toNanos();
    /**
     * The share of one core the polls (snapshot and the views' models) may take: when a busy
     * engine changes so much between polls that one costs more, the next waits longer (a poll of
     * 25 ms CPU, a tenth, is followed after 250 ms), so the views slow down rather than the engine.
     */
    static final double CPU_SHARE = Double.parseDouble(System.getProperty("vfscope.viz.feedCpuShare", "0.1"));
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotFeed.class);

    private final SnapshotSource source;
    private final Playback playback;
    private final List<Consumer<Frame>> subscribers = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService executor;
    private Duration period = DEFAULT_PERIOD;
    /** The next event to ask the source for; -1 until the first snapshot says where to start. */
    private long nextEventSeq = -1;
    private Frame last;
    private long framesTaken;

    public SnapshotFeed(SnapshotSource source) {
        this(source, new Playback());
    }

    public SnapshotFeed(SnapshotSource source, Playback playback) {
        this.source = Objects.requireNonNull(source, "source");
        this.playback = Objects.requireNonNull(playback, "playback");
    }

    public Playback playback() {
        return playback;
    }

    /** Called on the feed thread with every frame, and at once with the last one if there is one. */
    public void subscribe(Consumer<Frame> subscriber) {
        subscribers.add(subscriber);
        Frame f;
        synchronized (this) {
            f = last;
        }
        if (f != null) {
            deliver(subscriber, f);
        }
    }

    public void unsubscribe(Consumer<Frame> subscriber) {
        subscribers.remove(subscriber);
    }

    /** Starts polling every {@code period} (divided by the playback speed) on a daemon thread. */
    public synchronized void start(Duration period) {
        if (executor != null) {
            return;
        }
        this.period = period;
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vfscope-viz-feed");
            t.setDaemon(true);
            return t;
        });
        executor.execute(this::tick);
    }

    public void start() {
        start(DEFAULT_PERIOD);
    }

    /** How many frames were delivered; for measurements. */
    public synchronized long framesTaken() {
        return framesTaken;
    }

    public synchronized boolean isRunning() {
        return executor != null;
    }

    private void tick() {
        long began = System.nanoTime();
        long cpu0 = threadCpu();
        try {
            pollOnce();
        } catch (RuntimeException e) {
            LOG.warn("taking a snapshot for the views failed", e);
        }
        long cpu = cpu0 < 0 ? 0 : threadCpu() - cpu0;
        ScheduledExecutorService ex;
        synchronized (this) {
            ex = executor;
        }
        if (ex != null && !ex.isShutdown()) {
            long wait = Math.max(Math.max(MIN_PERIOD_NANOS, (long) (period.toNanos() / playback.speed())),
                    (long) (cpu / CPU_SHARE)) - (System.nanoTime() - began);
            ex.schedule(this::tick, Math.max(0, wait), TimeUnit.NANOSECONDS);
        }
    }

    private static long threadCpu() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
    }

    /**
     * Takes one frame now, on the calling thread, and delivers it; null when paused (and no step
     * is pending). The scheduled polls call this; tests call it to move the views deterministically.
     */
    public synchronized Frame pollOnce() {
        if (!playback.admitFrame()) {
            return null;
        }
        EngineSnapshot snapshot = source.latest();
        if (nextEventSeq < 0) {
            nextEventSeq = snapshot.eventSeq();
        }
        EventBatch batch = source.eventsSince(nextEventSeq);
        List<TraceEvent> events = new ArrayList<>(batch.events().size());
        for (SequencedEvent e : batch.events()) {
            events.add(e.event());
        }
        nextEventSeq = batch.nextSeq();
        Frame frame = new Frame(snapshot, events, batch.missed(), System.nanoTime(), last);
        last = frame;
        framesTaken++;
        for (Consumer<Frame> s : subscribers) {
            deliver(s, frame);
        }
        return frame;
    }

    private static void deliver(Consumer<Frame> subscriber, Frame frame) {
        try {
            subscriber.accept(frame);
        } catch (RuntimeException e) {
            LOG.warn("a cache view failed to take a frame", e);
        }
    }

    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }
}
