package org.vfscope.vfs.lock;

/**
 * A {@code seqlock_t} as used for {@code rename_lock}: writers make the sequence odd while they
 * change things; readers sample it and retry when it moved. Writers must already be serialised
 * by the caller (d_move runs under the dcache lock).
 */
public final class SeqLock {
    private volatile long sequence;

    /** read_seqbegin: waits out a writer in progress and returns an even sequence. */
    public long readBegin() {
        long s;
        while (((s = sequence) & 1) != 0) {
            Thread.onSpinWait();
        }
        return s;
    }

    /** read_seqretry: whether a writer ran since {@code start}. */
    public boolean readRetry(long start) {
        return sequence != start;
    }

    public void writeLock() {
        sequence++;
    }

    public void writeUnlock() {
        sequence++;
    }

    public long sequence() {
        return sequence;
    }
}
