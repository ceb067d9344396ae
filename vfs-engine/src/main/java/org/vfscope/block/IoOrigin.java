package org.vfscope.block;

import java.util.function.Supplier;

/**
 * Which inode the current thread does I/O for, so block events can be traced back to files: the
 * page cache sets it around writeback and readahead (in the kernel the bio carries its page, and
 * the page its mapping). Scopes nest; the outer value returns when the inner scope ends.
 */
public final class IoOrigin {
    public static final long UNKNOWN = -1;

    private static final ThreadLocal<long[]> CURRENT = ThreadLocal.withInitial(() -> new long[] {UNKNOWN});

    private IoOrigin() {
    }

    /** The inode the calling thread's I/O is for, or {@link #UNKNOWN}. */
    public static long current() {
        return CURRENT.get()[0];
    }

    public static void with(long ino, Runnable io) {
        long[] slot = CURRENT.get();
        long outer = slot[0];
        slot[0] = ino;
        try {
            io.run();
        } finally {
            slot[0] = outer;
        }
    }

    public static <T> T with(long ino, Supplier<T> io) {
        long[] slot = CURRENT.get();
        long outer = slot[0];
        slot[0] = ino;
        try {
            return io.get();
        } finally {
            slot[0] = outer;
        }
    }
}
