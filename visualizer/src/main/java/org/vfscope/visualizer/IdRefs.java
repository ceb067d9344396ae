package org.vfscope.visualizer;

import java.util.Arrays;

/**
 * An immutable map from a long key to a place in a chunked list: (chunk, offset). Kept as many
 * small shards, so {@link Editor#build} after a few changes copies the shards they fall in and
 * shares the rest: the next frame's index costs what changed, and the previous frame's stays
 * whole for whoever still reads it (the FX thread paints the last model while the feed builds
 * the next). Reading is thread-safe.
 */
final class IdRefs {
    private static final int SHARD_BITS = 12;
    private static final int SHARDS = 1 << SHARD_BITS;
    static final IdRefs EMPTY = new IdRefs(new Shard[SHARDS], 0);

    /** Keys unsorted, at most a few hundred: a scan of a long[] is quick. */
    private record Shard(long[] keys, Object[] chunks, int[] offsets, int size) {
        int find(long key) {
            for (int i = 0; i < size; i++) {
                if (keys[i] == key) {
                    return i;
                }
            }
            return -1;
        }
    }

    private final Shard[] shards;
    private final int size;

    private IdRefs(Shard[] shards, int size) {
        this.shards = shards;
        this.size = size;
    }

    int size() {
        return size;
    }

    private static int shardOf(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> (64 - SHARD_BITS));
    }

    /** The chunk {@code key} is in, or null. */
    Object chunk(long key) {
        Shard s = shards[shardOf(key)];
        int i = s == null ? -1 : s.find(key);
        return i < 0 ? null : s.chunks[i];
    }

    /** Its offset in that chunk, or -1. */
    int offset(long key) {
        Shard s = shards[shardOf(key)];
        int i = s == null ? -1 : s.find(key);
        return i < 0 ? -1 : s.offsets[i];
    }

    Editor edit() {
        return new Editor(this);
    }

    /** Changes to a copy; shards are copied when first touched. */
    static final class Editor {
        private final Shard[] shards;
        private final boolean[] owned = new boolean[SHARDS];
        private int size;

        private Editor(IdRefs from) {
            shards = from.shards.clone();
            size = from.size;
        }

        private Shard own(int s) {
            Shard sh = shards[s];
            if (!owned[s]) {
                owned[s] = true;
                sh = sh == null ? new Shard(new long[8], new Object[8], new int[8], 0)
                        : new Shard(sh.keys.clone(), sh.chunks.clone(), sh.offsets.clone(), sh.size);
                shards[s] = sh;
            }
            return sh;
        }

        /** Maps {@code key} to (chunk, offset), replacing what it was mapped to. */
        void put(long key, Object chunk, int offset) {
            int s = shardOf(key);
            Shard sh = own(s);
            int i = sh.find(key);
            if (i < 0) {
                if (sh.size == sh.keys.length) {
                    int n = sh.size * 2;
                    sh = new Shard(Arrays.copyOf(sh.keys, n), Arrays.copyOf(sh.chunks, n), Arrays.copyOf(sh.offsets, n),
                            sh.size);
                }
                i = sh.size;
                sh = new Shard(sh.keys, sh.chunks, sh.offsets, sh.size + 1);
                shards[s] = sh;
                size++;
            }
            sh.keys[i] = key;
            sh.chunks[i] = chunk;
            sh.offsets[i] = offset;
        }

        /** Removes {@code key} if it is still mapped into {@code chunk} (a later put moved it otherwise). */
        void removeIn(long key, Object chunk) {
            int s = shardOf(key);
            Shard cur = shards[s];
            int i = cur == null ? -1 : cur.find(key);
            if (i < 0 || cur.chunks[i] != chunk) {
                return;
            }
            Shard sh = own(s);
            int last = sh.size - 1;
            sh.keys[i] = sh.keys[last];
            sh.chunks[i] = sh.chunks[last];
            sh.offsets[i] = sh.offsets[last];
            sh.chunks[last] = null;
            shards[s] = new Shard(sh.keys, sh.chunks, sh.offsets, last);
            size--;
        }

        /** Removes {@code key} whatever it is mapped to. */
        void remove(long key) {
            Shard cur = shards[shardOf(key)];
            int i = cur == null ? -1 : cur.find(key);
            if (i >= 0) {
                removeIn(key, cur.chunks[i]);
            }
        }

        /** What {@code key} is mapped to now, or null. */
        Object get(long key) {
            Shard s = shards[shardOf(key)];
            int i = s == null ? -1 : s.find(key);
            return i < 0 ? null : s.chunks[i];
        }

        IdRefs build() {
            return new IdRefs(shards, size);
        }
    }
}
