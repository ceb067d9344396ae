package org.vfscope.vfs;

import java.time.Instant;
import java.util.PriorityQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The kernel's sense of time: wall time for timestamps, a monotonic nanosecond counter for ages
 * such as {@code dirtied_when}, sleeping (device latency, dirty throttling) and deferred work (the
 * flusher's timer, background writeback). The {@link #system()} clock uses real time and a
 * daemon thread; a {@link Manual} clock moves only when told to and runs deferred work
 * synchronously, in time order, inside {@link Manual#advanceNanos} (work queued "now" runs at the
 * next advance, even of zero), so timing rules are tested without sleeping and without races.
 */
public interface KernelClock {

    /** Wall-clock time for file timestamps (ktime_get_real). */
    Instant now();

    /** Monotonic nanoseconds (ktime_get / jiffies). */
    long nanoTime();

    /** Blocks the calling thread for {@code nanos} of this clock's time (msleep, io_schedule). */
    void sleepNanos(long nanos);

    /** queue_work: runs {@code task} soon, off the caller's stack where the clock has threads. */
    void execute(Runnable task);

    /** queue_delayed_work: runs {@code task} once {@code delayNanos} have passed. */
    void schedule(long delayNanos, Runnable task);

    static KernelClock system() {
        return new SystemClock();
    }

    /**
     * Real time; deferred work on one daemon thread shared by every kernel in the JVM, as a
     * single kworker would run it.
     */
    final class SystemClock implements KernelClock {
        private static final ScheduledExecutorService WORKER = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vfscope-kworker");
            t.setDaemon(true);
            return t;
        });

        @Override
        public Instant now() {
            return Instant.now();
        }

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleepNanos(long nanos) {
            long deadline = System.nanoTime() + nanos;
            for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
                LockSupport.parkNanos(left);
            }
        }

        @Override
        public void execute(Runnable task) {
            WORKER.execute(task);
        }

        @Override
        public void schedule(long delayNanos, Runnable task) {
            WORKER.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** A clock that moves only when told to; deferred work runs inside {@link #advanceNanos}. */
    final class Manual implements KernelClock {
        private record Timer(long due, long seq, Runnable task) {
        }

        private final AtomicLong nanos = new AtomicLong();
        private final Instant epoch;
        private final PriorityQueue<Timer> timers = new PriorityQueue<>(
                (a, b) -> a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.seq, b.seq));
        private long seq;

        public Manual(Instant start) {
            this.epoch = start;
        }

        /** Moves time forward, running each timer that falls due at its own moment. */
        public void advanceNanos(long delta) {
            long target = nanos.get() + delta;
            while (true) {
                Timer next;
                synchronized (timers) {
                    next = timers.peek();
                    if (next == null || next.due > target) {
                        break;
                    }
                    timers.poll();
                }
                nanos.accumulateAndGet(next.due, Math::max);
                next.task.run();
            }
            nanos.accumulateAndGet(target, Math::max);
        }

        public void advanceMillis(long millis) {
            advanceNanos(millis * 1_000_000L);
        }

        @Override
        public Instant now() {
            return epoch.plusNanos(nanos.get());
        }

        @Override
        public long nanoTime() {
            return nanos.get();
        }

        /** Sleeping is time passing: the clock moves, and timers due meanwhile run. */
        @Override
        public void sleepNanos(long n) {
            advanceNanos(n);
        }

        /**
         * Queues the task to run the next time the clock is advanced (by any amount, zero too),
         * as a kworker runs "soon" but not inside the caller.
         */
        @Override
        public void execute(Runnable task) {
            schedule(0, task);
        }

        /** Runs the work that is due now without moving time (advanceNanos(0)). */
        public void runPending() {
            advanceNanos(0);
        }

        @Override
        public void schedule(long delayNanos, Runnable task) {
            synchronized (timers) {
                timers.add(new Timer(nanos.get() + delayNanos, seq++, task));
            }
        }

        /** Timers waiting to run. */
        public int pendingTimers() {
            synchronized (timers) {
                return timers.size();
            }
        }
    }
}
