package org.vfscope.visualizer;

import java.util.Arrays;

/**
 * A map from long keys to non-negative int values (positions in a snapshot's list), open
 * addressing over two primitive arrays: indexing 100k dentries by id allocates two arrays, not
 * 100k boxed keys and entries. Not thread-safe; filled once, then read.
 */
public final class LongIndex {
    private static final int ABSENT = -1;

    private long[] keys;
    private int[] values;
    private int size;
    private int mask;

    public LongIndex(int expected) {
        int capacity = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
        keys = new long[capacity];
        values = new int[capacity];
        Arrays.fill(values, ABSENT);
        mask = capacity - 1;
    }

    /** Maps {@code key} to {@code value} unless it is mapped already; true if it was added. */
    public boolean putIfAbsent(long key, int value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative value " + value);
        }
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int slot = slot(key);
        if (values[slot] != ABSENT) {
            return false;
        }
        keys[slot] = key;
        values[slot] = value;
        size++;
        return true;
    }

    /** The value of {@code key}, or -1. */
    public int get(long key) {
        return values[slot(key)];
    }

    public int size() {
        return size;
    }

    private int slot(long key) {
        int i = mix(key) & mask;
        while (values[i] != ABSENT && keys[i] != key) {
            i = (i + 1) & mask;
        }
        return i;
    }

    /**
     * Ids and inode numbers are handed out in sequence, so the low bits alone spread them, and
     * neighbours land in neighbouring slots: filling and reading 100k of them walks memory in
     * order instead of missing the cache on every key (which a multiplicative hash did).
     */
    private static int mix(long key) {
        return (int) (key ^ (key >>> 32));
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        Arrays.fill(values, ABSENT);
        mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != ABSENT) {
                int slot = slot(oldKeys[i]);
                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
            }
        }
    }
}
