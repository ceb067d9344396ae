package org.vfscope.mm;

/**
 * {@code struct file_ra_state}: one open file's readahead window. {@code start}/{@code size} are
 * the window last issued, in pages; the folio at {@code start + size - asyncSize} carries the
 * READAHEAD marker that triggers the next window. {@code prevPos} is where the last read ended
 * (-1 before any), which is how sequential access is recognised.
 */
public final class FileRaState {
    long start;
    int size;
    int asyncSize;
    long prevPos = -1;
    /** FMODE_RANDOM (POSIX_FADV_RANDOM): read only what is asked. */
    volatile boolean random;
    /** POSIX_FADV_SEQUENTIAL doubles the window, as Linux does. */
    volatile boolean sequential;

    public long start() {
        return start;
    }

    public int size() {
        return size;
    }

    public int asyncSize() {
        return asyncSize;
    }

    public long prevPos() {
        return prevPos;
    }

    public void setPrevPos(long pos) {
        this.prevPos = pos;
    }

    public void setRandom(boolean random) {
        this.random = random;
    }

    public void setSequential(boolean sequential) {
        this.sequential = sequential;
    }

    /** ra_pages: the largest window for this file. */
    int maxPages(VmTunables tunables) {
        int max = tunables.readAheadPages();
        return sequential ? max * 2 : max;
    }
}
