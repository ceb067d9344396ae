package org.vfscope.mm;

import java.util.concurrent.atomic.AtomicLong;
import org.vfscope.vfs.Errno;

/**
 * {@code errseq_t} (lib/errseq.c): the last writeback error of a mapping or superblock, a SEEN
 * flag and a change counter in one word. An opener samples it; each fsync reports an error set
 * since that file's sample once, then advances the sample, so every open file hears of each
 * error exactly once and a second fsync returns 0.
 */
public final class Errseq {
    private static final int ERRNO_BITS = 12;
    private static final long ERRNO_MASK = (1L << ERRNO_BITS) - 1;
    private static final long SEEN = 1L << ERRNO_BITS;
    private static final long COUNTER_ONE = 1L << (ERRNO_BITS + 1);

    private final AtomicLong word = new AtomicLong();

    /** errseq_set: records {@code errno}, bumping the counter if the last error was seen. */
    public void set(Errno errno) {
        while (true) {
            long old = word.get();
            long next = (old & ~(ERRNO_MASK | SEEN)) | errno.number();
            if ((old & SEEN) != 0) {
                next += COUNTER_ONE; // only a change someone has looked at needs a new count
            }
            if (next == old || word.compareAndSet(old, next)) {
                return;
            }
        }
    }

    /**
     * errseq_sample: what an opener starts from. An error nobody has seen yet is returned as
     * 0, so that the first fsync after opening still reports it.
     */
    public long sample() {
        long old = word.get();
        return (old & SEEN) == 0 ? 0 : old;
    }

    /**
     * errseq_check_and_advance: the error set since {@code since} (or null), marking it seen;
     * the caller stores the returned new sample.
     */
    public Result checkAndAdvance(long since) {
        while (true) {
            long old = word.get();
            if (old == since) {
                return new Result(null, since);
            }
            long seen = old | SEEN;
            if (seen == old || word.compareAndSet(old, seen)) {
                Errno err = (old & ERRNO_MASK) == 0 ? null : byNumber((int) (old & ERRNO_MASK));
                return new Result(err, seen);
            }
        }
    }

    /** The outcome of {@link #checkAndAdvance}: the error to report (or null) and the new sample. */
    public record Result(Errno error, long sample) {
    }

    private static Errno byNumber(int n) {
        for (Errno e : Errno.values()) {
            if (e.number() == n) {
                return e;
            }
        }
        return Errno.EIO;
    }
}
