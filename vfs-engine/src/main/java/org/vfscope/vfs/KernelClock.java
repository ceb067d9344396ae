package org.vfscope.vfs;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The kernel's two clocks: wall time for timestamps and a monotonic nanosecond counter for ages
 * such as {@code dirtied_when}. A {@link Manual} clock lets tests move time without sleeping.
 */
public interface KernelClock {

    /** Wall-clock time for file timestamps (ktime_get_real). */
    Instant now();

    /** Monotonic nanoseconds (ktime_get / jiffies). */
    long nanoTime();

    static KernelClock system() {
        return new KernelClock() {
            @Override
            public Instant now() {
                return Instant.now();
            }

            @Override
            public long nanoTime() {
                return System.nanoTime();
            }
        };
    }

    /** A clock that moves only when told to. */
    final class Manual implements KernelClock {
        private final AtomicLong nanos = new AtomicLong();
        private final Instant epoch;

        public Manual(Instant start) {
            this.epoch = start;
        }

        public void advanceNanos(long delta) {
            nanos.addAndGet(delta);
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
    }
}
