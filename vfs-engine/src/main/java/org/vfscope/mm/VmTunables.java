package org.vfscope.mm;

import java.util.LinkedHashMap;
import java.util.Map;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.VfsException;

/**
 * The /proc/sys/vm knobs the page cache and writeback obey, with Linux's defaults, readable and
 * changeable while running. {@code cache_pages} stands for the memory the page cache may use.
 */
public final class VmTunables {
    public static final String DIRTY_BACKGROUND_RATIO = "dirty_background_ratio";
    public static final String DIRTY_RATIO = "dirty_ratio";
    public static final String DIRTY_WRITEBACK_CENTISECS = "dirty_writeback_centisecs";
    public static final String DIRTY_EXPIRE_CENTISECS = "dirty_expire_centisecs";
    public static final String READ_AHEAD_KB = "read_ahead_kb";
    public static final String CACHE_PAGES = "cache_pages";

    private volatile int dirtyBackgroundRatio = 10;
    private volatile int dirtyRatio = 20;
    private volatile int dirtyWritebackCentisecs = 500;
    private volatile int dirtyExpireCentisecs = 3000;
    private volatile int readAheadKb = 128;
    /**
     * The page cache's share of memory: a quarter of the JVM heap, at most 64 Ki pages
     * (256 MiB). Like Linux's page cache it is bounded by the memory there is, so a small heap
     * gets a small cache instead of running out.
     */
    private volatile long cachePages = defaultCachePages();

    static long defaultCachePages() {
        long quarterOfHeap = Runtime.getRuntime().maxMemory() / 4 / Folio.PAGE_SIZE;
        return Math.max(64, Math.min(65536, quarterOfHeap));
    }

    public int dirtyBackgroundRatio() {
        return dirtyBackgroundRatio;
    }

    public int dirtyRatio() {
        return dirtyRatio;
    }

    public int dirtyWritebackCentisecs() {
        return dirtyWritebackCentisecs;
    }

    public int dirtyExpireCentisecs() {
        return dirtyExpireCentisecs;
    }

    public int readAheadKb() {
        return readAheadKb;
    }

    /** ra_pages: the largest readahead window, in pages. */
    public int readAheadPages() {
        return Math.max(0, readAheadKb / (Folio.PAGE_SIZE / 1024));
    }

    public long cachePages() {
        return cachePages;
    }

    /** Sets a tunable by its kernel name; EINVAL for an unknown name or a value out of range. */
    public void set(String name, long value) {
        switch (name) {
            case DIRTY_BACKGROUND_RATIO -> dirtyBackgroundRatio = (int) ranged(name, value, 0, 100);
            case DIRTY_RATIO -> dirtyRatio = (int) ranged(name, value, 0, 100);
            case DIRTY_WRITEBACK_CENTISECS -> dirtyWritebackCentisecs = (int) ranged(name, value, 0, Integer.MAX_VALUE);
            case DIRTY_EXPIRE_CENTISECS -> dirtyExpireCentisecs = (int) ranged(name, value, 0, Integer.MAX_VALUE);
            case READ_AHEAD_KB -> readAheadKb = (int) ranged(name, value, 0, 1 << 20);
            case CACHE_PAGES -> cachePages = ranged(name, value, 64, Long.MAX_VALUE);
            default -> throw new VfsException(Errno.EINVAL, name, "no such tunable");
        }
    }

    /** Reads a tunable by its kernel name; EINVAL for an unknown name. */
    public long get(String name) {
        return switch (name) {
            case DIRTY_BACKGROUND_RATIO -> dirtyBackgroundRatio;
            case DIRTY_RATIO -> dirtyRatio;
            case DIRTY_WRITEBACK_CENTISECS -> dirtyWritebackCentisecs;
            case DIRTY_EXPIRE_CENTISECS -> dirtyExpireCentisecs;
            case READ_AHEAD_KB -> readAheadKb;
            case CACHE_PAGES -> cachePages;
            default -> throw new VfsException(Errno.EINVAL, name, "no such tunable");
        };
    }

    /** Every tunable and its value, in a stable order. */
    public Map<String, Long> all() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String n : new String[] {DIRTY_BACKGROUND_RATIO, DIRTY_RATIO, DIRTY_WRITEBACK_CENTISECS,
                DIRTY_EXPIRE_CENTISECS, READ_AHEAD_KB, CACHE_PAGES}) {
            out.put(n, get(n));
        }
        return out;
    }

    private static long ranged(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new VfsException(Errno.EINVAL, name, "must be between " + min + " and " + max);
        }
        return value;
    }
}
