package org.vfscope.mm;

/**
 * {@code struct writeback_control}: what one writeback pass should do. {@code nrToWrite} counts
 * down as pages are written; a pass stops when it reaches zero.
 */
public final class WritebackControl {
    /** WB_SYNC_NONE: don't wait; WB_SYNC_ALL: write and wait on every page (fsync, sync). */
    public enum SyncMode { WB_SYNC_NONE, WB_SYNC_ALL }

    private final SyncMode syncMode;
    private long nrToWrite;
    private long pagesSkipped;
    private final long rangeStart;
    private final long rangeEnd;

    public WritebackControl(SyncMode syncMode, long nrToWrite, long rangeStart, long rangeEnd) {
        this.syncMode = syncMode;
        this.nrToWrite = nrToWrite;
        this.rangeStart = rangeStart;
        this.rangeEnd = rangeEnd;
    }

    /** A WB_SYNC_ALL pass over the whole file, as sync and fsync issue. */
    public static WritebackControl syncAll() {
        return new WritebackControl(SyncMode.WB_SYNC_ALL, Long.MAX_VALUE, 0, Long.MAX_VALUE);
    }

    public static WritebackControl syncRange(long start, long end) {
        return new WritebackControl(SyncMode.WB_SYNC_ALL, Long.MAX_VALUE, start, end);
    }

    public SyncMode syncMode() {
        return syncMode;
    }

    public boolean isSyncAll() {
        return syncMode == SyncMode.WB_SYNC_ALL;
    }

    public long nrToWrite() {
        return nrToWrite;
    }

    public void wrote(long pages) {
        nrToWrite -= pages;
    }

    public long pagesSkipped() {
        return pagesSkipped;
    }

    public void skipped(long pages) {
        pagesSkipped += pages;
    }

    public long rangeStart() {
        return rangeStart;
    }

    /** Last byte of the range, inclusive. */
    public long rangeEnd() {
        return rangeEnd;
    }
}
