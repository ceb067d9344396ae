package org.vfscope.visualizer;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pause, step and speed for live views, shared by the feed (which reads it on its own thread)
 * and the {@link PlaybackBar} (on the FX thread); a scenario driver may read the speed too, to
 * pace itself. While paused the views keep the last frame; each step lets one new frame through.
 */
public final class Playback {
    /** The speeds the bar offers, slowest first. */
    public static final List<Double> SPEEDS = List.of(0.25, 0.5, 1.0, 2.0, 4.0);

    private volatile boolean paused;
    private volatile double speed = 1.0;
    private final AtomicInteger pendingSteps = new AtomicInteger();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public boolean isPaused() {
        return paused;
    }

    public void setPaused(boolean paused) {
        this.paused = paused;
        fire();
    }

    /** How fast live mode runs: 1 is real time; the feed refreshes this much more often. */
    public double speed() {
        return speed;
    }

    public void setSpeed(double speed) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be positive: " + speed);
        }
        this.speed = speed;
        fire();
    }

    /** Lets one more frame through while paused. */
    public void step() {
        pendingSteps.incrementAndGet();
        fire();
    }

    /** Whether the feed may deliver a frame now; takes one pending step when paused. */
    public boolean admitFrame() {
        if (!paused) {
            return true;
        }
        return pendingSteps.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    /** Runs on whichever thread changed the playback. */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    private void fire() {
        for (Runnable r : listeners) {
            r.run();
        }
    }
}
