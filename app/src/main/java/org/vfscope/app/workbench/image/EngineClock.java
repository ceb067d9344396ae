package org.vfscope.app.workbench.image;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.vfscope.vfs.KernelClock;

/**
 * Moves a machine's manual kernel clock with real time (so the flusher writes back after
 * dirty_expire, as on a live system), unless paused; Step moves it by a fixed amount.
 * Timers that fall due run on this class's own daemon thread, never on the FX thread.
 */
public final class EngineClock implements AutoCloseable {
    private static final long TICK_MILLIS = 100;

    private final KernelClock.Manual clock;
    private final ScheduledExecutorService timer;
    private volatile boolean paused;
    private volatile double speed = 1.0;

    public EngineClock(KernelClock.Manual clock) {
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vfscope-engine-clock");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        if (!paused) {
            advance((long) (TICK_MILLIS * 1_000_000L * speed));
        }
    }

    private void advance(long nanos) {
        try {
            clock.advanceNanos(nanos);
        } catch (RuntimeException e) {
            // A timer's failure (e.g. writeback on a read-only device) must not stop the clock.
            org.slf4j.LoggerFactory.getLogger(EngineClock.class).debug("a kernel timer failed", e);
        }
    }

    public boolean isPaused() {
        return paused;
    }

    public void setPaused(boolean paused) {
        this.paused = paused;
    }

    /** Kernel seconds per real second: below 1 is slow motion. */
    public void setSpeed(double speed) {
        this.speed = Math.max(0.01, speed);
    }

    public double speed() {
        return speed;
    }

    /** Moves the clock by {@code millis} now, on the clock's thread (for Pause / Step). */
    public void step(long millis) {
        timer.execute(() -> advance(millis * 1_000_000L));
    }

    public KernelClock.Manual clock() {
        return clock;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
