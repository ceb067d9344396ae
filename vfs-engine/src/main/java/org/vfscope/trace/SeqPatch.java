package org.vfscope.trace;

import java.util.Arrays;

/** The removals and additions one snapshot makes to one {@link SortedChunks}, collected in any order. */
final class SeqPatch {
    private long[] removed = new long[8];
    private int nRemoved;
    private long[] addKeys = new long[8];
    private Object[] addVals = new Object[8];
    private int nAdded;

    void remove(long key) {
        if (nRemoved == removed.length) {
            removed = Arrays.copyOf(removed, nRemoved * 2);
        }
        removed[nRemoved++] = key;
    }

    void add(long key, Object value) {
        if (nAdded == addKeys.length) {
            addKeys = Arrays.copyOf(addKeys, nAdded * 2);
            addVals = Arrays.copyOf(addVals, nAdded * 2);
        }
        addKeys[nAdded] = key;
        addVals[nAdded++] = value;
    }

    /** {@code base} with the removals, then the additions (a key both removed and added is replaced). */
    SortedChunks applyTo(SortedChunks base) {
        if (nRemoved == 0 && nAdded == 0) {
            return base;
        }
        Arrays.sort(removed, 0, nRemoved);
        SortedChunks.sortPairs(addKeys, addVals, nAdded);
        return base.patch(removed, nRemoved, addKeys, addVals, nAdded);
    }
}
