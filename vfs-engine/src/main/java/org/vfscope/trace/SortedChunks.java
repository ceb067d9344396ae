package org.vfscope.trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable sequence of (key, value) pairs sorted by a unique long key, held as chunks of at
 * most {@value #CHUNK} entries. {@link #patch} returns a new sequence that shares every chunk no
 * change touched, so patching a 100k-entry sequence with a few changes copies a few chunks and an
 * index of about a hundred: a snapshot costs what changed, not what is cached.
 */
final class SortedChunks {
    static final int CHUNK = 1024;
    static final SortedChunks EMPTY = new SortedChunks(new long[0][], new Object[0][], new int[] {0});

    private final long[][] keys;
    private final Object[][] vals;
    /** starts[c]: the index of chunk c's first entry; starts[chunks] is the size. */
    private final int[] starts;

    private SortedChunks(long[][] keys, Object[][] vals, int[] starts) {
        this.keys = keys;
        this.vals = vals;
        this.starts = starts;
    }

    int size() {
        return starts[keys.length];
    }

    int chunks() {
        return keys.length;
    }

    /** The values chunk by chunk, in order; the arrays are shared: read them, never write. */
    Object[][] valueChunks() {
        return vals;
    }

    /** The index of chunk {@code c}'s first entry. */
    int start(int c) {
        return starts[c];
    }

    Object get(int i) {
        int c = chunkOf(i);
        return vals[c][i - starts[c]];
    }

    long keyAt(int i) {
        int c = chunkOf(i);
        return keys[c][i - starts[c]];
    }

    /** The index of {@code key}, or -1. */
    int indexOf(long key) {
        int lo = 0;
        int hi = keys.length - 1;
        while (lo <= hi) { // the last chunk whose first key is <= key
            int mid = (lo + hi) >>> 1;
            if (keys[mid][0] <= key) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        int c = lo - 1;
        if (c < 0) {
            return -1;
        }
        int at = Arrays.binarySearch(keys[c], key);
        return at < 0 ? -1 : starts[c] + at;
    }

    private int chunkOf(int i) {
        if (i < 0 || i >= size()) {
            throw new IndexOutOfBoundsException(i);
        }
        int at = Arrays.binarySearch(starts, 0, keys.length, i);
        if (at >= 0) {
            while (at + 1 < keys.length && starts[at + 1] == i) {
                at++; // no chunk is empty, but be safe
            }
            return at;
        }
        return -at - 2;
    }

    /** A sequence of the first {@code n} pairs, which must be sorted by key with no key twice. */
    static SortedChunks of(long[] keys, Object[] vals, int n) {
        Builder b = new Builder(n / CHUNK + 1);
        b.addRun(keys, vals, 0, n);
        return b.build();
    }

    /**
     * Sorts the first {@code n} pairs by key (in place) and makes a sequence of them: a primitive
     * sort of packed (key, index) when they fit, which they do for counters and ids.
     */
    static SortedChunks sorting(long[] keys, Object[] vals, int n) {
        sortPairs(keys, vals, n);
        return of(keys, vals, n);
    }

    private static final int INDEX_BITS = 24;

    /** Sorts the first {@code n} pairs by key, in place. */
    static void sortPairs(long[] keys, Object[] vals, int n) {
        boolean sorted = true;
        for (int i = 1; i < n && sorted; i++) {
            sorted = keys[i - 1] < keys[i];
        }
        if (sorted) {
            return;
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            min = Math.min(min, keys[i]);
            max = Math.max(max, keys[i]);
        }
        long[] k2 = new long[n];
        Object[] v2 = new Object[n];
        if (n < (1 << INDEX_BITS) && max - min >= 0 && max - min < (1L << (63 - INDEX_BITS))) {
            long[] packed = new long[n];
            for (int i = 0; i < n; i++) {
                packed[i] = (keys[i] - min) << INDEX_BITS | i;
            }
            Arrays.sort(packed);
            for (int i = 0; i < n; i++) {
                int from = (int) (packed[i] & ((1 << INDEX_BITS) - 1));
                k2[i] = keys[from];
                v2[i] = vals[from];
            }
        } else {
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Long.compare(keys[a], keys[b]));
            for (int i = 0; i < n; i++) {
                k2[i] = keys[order[i]];
                v2[i] = vals[order[i]];
            }
        }
        System.arraycopy(k2, 0, keys, 0, n);
        System.arraycopy(v2, 0, vals, 0, n);
    }

    /**
     * This sequence without the keys in {@code removed} (sorted, keys not present are ignored)
     * and with the pairs in {@code addKeys}/{@code addVals} (sorted by key; a key also removed is
     * a replacement). Chunks no change falls into are shared with this sequence.
     */
    SortedChunks patch(long[] removed, int nRemoved, long[] addKeys, Object[] addVals, int nAdded) {
        if (nRemoved == 0 && nAdded == 0) {
            return this;
        }
        if (keys.length == 0) {
            return of(addKeys, addVals, nAdded);
        }
        Builder b = new Builder(keys.length + nAdded / CHUNK + 2);
        int r = 0;
        int a = 0;
        long[] mk = new long[CHUNK * 2];
        Object[] mv = new Object[CHUNK * 2];
        for (int c = 0; c < keys.length; c++) {
            long hi = c + 1 < keys.length ? keys[c + 1][0] : Long.MAX_VALUE;
            int r0 = r;
            while (r < nRemoved && removed[r] < hi) {
                r++;
            }
            int a0 = a;
            while (a < nAdded && (addKeys[a] < hi || c + 1 == keys.length)) {
                a++;
            }
            if (r0 == r && a0 == a) {
                b.addChunk(keys[c], vals[c]);
                continue;
            }
            long[] ck = keys[c];
            Object[] cv = vals[c];
            int need = ck.length + (a - a0);
            if (mk.length < need) {
                mk = new long[need];
                mv = new Object[need];
            }
            int m = 0;
            int ri = r0;
            int ai = a0;
            for (int i = 0; i < ck.length; i++) {
                long k = ck[i];
                while (ai < a && addKeys[ai] < k) {
                    mk[m] = addKeys[ai];
                    mv[m++] = addVals[ai++];
                }
                while (ri < r && removed[ri] < k) {
                    ri++;
                }
                boolean gone = ri < r && removed[ri] == k;
                if (ai < a && addKeys[ai] == k) {
                    mk[m] = k; // replaced
                    mv[m++] = addVals[ai++];
                } else if (!gone) {
                    mk[m] = k;
                    mv[m++] = cv[i];
                }
            }
            while (ai < a) {
                mk[m] = addKeys[ai];
                mv[m++] = addVals[ai++];
            }
            b.addRun(mk, mv, 0, m);
        }
        SortedChunks out = b.build();
        // Removals scattered over many chunks can leave many small ones: repack now and then.
        if (out.keys.length > out.size() / (CHUNK / 4) + 4) {
            return out.repacked();
        }
        return out;
    }

    private SortedChunks repacked() {
        int n = size();
        long[] k = new long[n];
        Object[] v = new Object[n];
        for (int c = 0; c < keys.length; c++) {
            System.arraycopy(keys[c], 0, k, starts[c], keys[c].length);
            System.arraycopy(vals[c], 0, v, starts[c], vals[c].length);
        }
        return of(k, v, n);
    }

    /** Collects chunks; a run longer than a chunk is cut into nearly equal ones. */
    private static final class Builder {
        private final List<long[]> k;
        private final List<Object[]> v;

        Builder(int expected) {
            k = new ArrayList<>(expected);
            v = new ArrayList<>(expected);
        }

        void addChunk(long[] keys, Object[] vals) {
            k.add(keys);
            v.add(vals);
        }

        void addRun(long[] keys, Object[] vals, int from, int to) {
            int n = to - from;
            if (n <= 0) {
                return;
            }
            int pieces = (n + CHUNK - 1) / CHUNK;
            for (int p = 0; p < pieces; p++) {
                int s = from + (int) ((long) n * p / pieces);
                int e = from + (int) ((long) n * (p + 1) / pieces);
                addChunk(Arrays.copyOfRange(keys, s, e), Arrays.copyOfRange(vals, s, e));
            }
        }

        SortedChunks build() {
            long[][] ks = k.toArray(new long[0][]);
            Object[][] vs = v.toArray(new Object[0][]);
            int[] starts = new int[ks.length + 1];
            for (int c = 0; c < ks.length; c++) {
                starts[c + 1] = starts[c] + ks[c].length;
            }
            return new SortedChunks(ks, vs, starts);
        }
    }
}
