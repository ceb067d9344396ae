package org.vfscope.trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vfscope.vfs.Inode;
import org.vfscope.vfs.Kernel;
import org.vfscope.vfs.SuperBlock;
import org.vfscope.vfs.dcache.Dentry;
import org.vfscope.vfs.dcache.DentryFlag;
import org.vfscope.vfs.dcache.DentryStats;

/**
 * Takes a {@link DcacheSnapshot}. Per superblock the dentries live in two {@link SortedChunks}:
 * the LRU keyed by the stamp each dentry got when it joined the tail (so stamps order it from
 * head to tail), and the rest keyed by dentry id. A full take walks the trees under the dcache
 * lock; an incremental take reads only the dentries in the dcache's change log (under the lock,
 * copying fields only) and patches the previous sequences outside it, so it costs what changed.
 */
public final class DcacheSnapshots {
    private static final int PAR_LOOKUP = 1 << DentryFlag.PAR_LOOKUP.ordinal();
    private static final int LRU_LIST = 1 << DentryFlag.LRU_LIST.ordinal();

    private DcacheSnapshots() {
    }

    /**
     * A dentry's place in the sequences and its record (with no LRU position: that is its index),
     * and the record last made with a position, reused while the position holds.
     */
    record Entry(long dev, boolean onLru, long key, DentryInfo info, Positioned<DentryInfo> positioned) {
        Entry(long dev, boolean onLru, long key, DentryInfo info) {
            this(dev, onLru, key, info, new Positioned<>());
        }
    }

    /** What an incremental taker keeps from one snapshot to the next. */
    static final class State {
        final Map<Long, Sb> byDev = new LinkedHashMap<>();
        SnapshotList<DentryInfo> last;
    }

    private static final class Sb {
        SortedChunks lru = SortedChunks.EMPTY;
        SortedChunks rest = SortedChunks.EMPTY;
    }

    /** A full snapshot, remembering nothing. */
    public static DcacheSnapshot take(Kernel kernel) {
        return take(kernel, kernel.superBlocks());
    }

    static DcacheSnapshot take(Kernel kernel, List<SuperBlock> sbs) {
        return take(kernel, sbs, new State(), null, false);
    }

    /**
     * With {@code changed} null, a full take that replaces {@code state}; else a patch of it with
     * the changed dentries. With {@code memo}, each dentry keeps its entry (the taker owns them).
     */
    static DcacheSnapshot take(Kernel kernel, List<SuperBlock> sbs, State state, List<Dentry> changed, boolean memo) {
        Copy c = new Copy(changed == null ? (int) Math.min(Integer.MAX_VALUE - 8, kernel.dcache().nrDentry() + 16)
                : changed.size());
        DentryStats stats;
        if (changed == null) {
            stats = kernel.dcache().copyForSnapshot(sbs, (d, lruPosition) -> c.add(d));
        } else {
            stats = kernel.dcache().readForSnapshot(() -> {
                for (Dentry d : changed) {
                    c.add(d);
                }
            });
        }
        Map<Long, Patch> patches = new LinkedHashMap<>();
        for (SuperBlock sb : sbs) {
            patches.put(sb.dev(), new Patch());
        }
        int lastBits = -1;
        java.util.Set<DentryFlag> lastFlags = null;
        for (int i = 0; i < c.size; i++) {
            Dentry d = c.dentries[i];
            Entry old = changed == null ? null : (Entry) d.snapshotMemo();
            Patch p = c.counts[i] < 0 ? null : patches.get(c.devs[i]);
            if (p == null) { // dead, or on a superblock not shown
                if (old != null) {
                    remove(patches, old);
                    if (memo) {
                        d.setSnapshotMemo(null);
                    }
                }
                continue;
            }
            int flags = c.flags[i];
            if (lastFlags == null || flags != lastBits) { // neighbours mostly share their flags
                lastBits = flags;
                lastFlags = Flags.ofBits(DentryFlag.class, flags);
            }
            Inode inode = c.inodes[i];
            int count = c.counts[i];
            DentryState st = DentryState.of(count, (flags & PAR_LOOKUP) != 0, c.hashed[i],
                    c.parentIds[i] == c.ids[i], inode != null);
            long ino = inode == null ? -1 : inode.ino();
            boolean onLru = (flags & LRU_LIST) != 0;
            long key = onLru ? c.stamps[i] : c.ids[i];
            boolean same = old != null && sameInfo(old.info(), c, i, ino, st, count, lastFlags);
            if (same && old.onLru() == onLru && old.key() == key && old.dev() == c.devs[i]) {
                continue; // a reference taken and dropped again: the entry and its chunk stay
            }
            if (old != null) {
                remove(patches, old);
            }
            DentryInfo info = same ? old.info()
                    : new DentryInfo(c.ids[i], c.parentIds[i], c.names[i], c.devs[i], ino, st, count, lastFlags, -1);
            Entry e = new Entry(c.devs[i], onLru, key, info);
            p.add(e);
            if (memo) {
                d.setSnapshotMemo(e);
            }
        }
        if (changed == null) {
            state.byDev.clear();
        }
        List<SnapshotList.Segment<DentryInfo>> segments = new ArrayList<>();
        Map<Long, Sb> next = new LinkedHashMap<>();
        for (Map.Entry<Long, Patch> pe : patches.entrySet()) {
            Sb sb = state.byDev.getOrDefault(pe.getKey(), new Sb());
            Patch p = pe.getValue();
            sb.lru = p.lru.applyTo(sb.lru);
            sb.rest = p.rest.applyTo(sb.rest);
            next.put(pe.getKey(), sb);
            segments.add(new SnapshotList.Segment<>(sb.lru, DcacheSnapshots::lruElement));
            segments.add(new SnapshotList.Segment<>(sb.rest, (stored, index) -> ((Entry) stored).info()));
        }
        state.byDev.clear();
        state.byDev.putAll(next);
        state.last = SnapshotList.reusing(state.last, segments);
        return new DcacheSnapshot(state.last, stats);
    }

    private static void remove(Map<Long, Patch> patches, Entry old) {
        Patch p = patches.get(old.dev());
        if (p != null) {
            p.remove(old);
        }
    }

    private static DentryInfo lruElement(Object stored, int index) {
        Entry e = (Entry) stored;
        DentryInfo last = e.positioned().record;
        if (last != null && last.lruPosition() == index) {
            return last;
        }
        DentryInfo i = e.info();
        DentryInfo made = new DentryInfo(i.id(), i.parentId(), i.name(), i.dev(), i.ino(), i.state(), i.count(), i.flags(),
                index);
        e.positioned().record = made;
        return made;
    }

    private static boolean sameInfo(DentryInfo m, Copy c, int i, long ino, DentryState st, int count,
                                    java.util.Set<DentryFlag> flags) {
        return m.id() == c.ids[i] && m.parentId() == c.parentIds[i] && m.name() == c.names[i] && m.dev() == c.devs[i]
                && m.ino() == ino && m.state() == st && m.count() == count && m.flags() == flags;
    }

    /** One superblock's changes to its two sequences. */
    private static final class Patch {
        final SeqPatch lru = new SeqPatch();
        final SeqPatch rest = new SeqPatch();

        void remove(Entry e) {
            (e.onLru() ? lru : rest).remove(e.key());
        }

        void add(Entry e) {
            (e.onLru() ? lru : rest).add(e.key(), e);
        }
    }

    /**
     * What is read under the lock: the fields that change, by reference or value, and the ids
     * and device while the dentry is at hand (reading them later would fetch 100k dentries again).
     */
    private static final class Copy {
        Dentry[] dentries;
        long[] ids;
        long[] parentIds;
        long[] devs;
        long[] stamps;
        String[] names;
        Inode[] inodes;
        int[] counts;
        int[] flags;
        boolean[] hashed;
        int size;

        Copy(int capacity) {
            allocate(Math.max(16, capacity));
        }

        private void allocate(int n) {
            dentries = dentries == null ? new Dentry[n] : Arrays.copyOf(dentries, n);
            ids = ids == null ? new long[n] : Arrays.copyOf(ids, n);
            parentIds = parentIds == null ? new long[n] : Arrays.copyOf(parentIds, n);
            devs = devs == null ? new long[n] : Arrays.copyOf(devs, n);
            stamps = stamps == null ? new long[n] : Arrays.copyOf(stamps, n);
            names = names == null ? new String[n] : Arrays.copyOf(names, n);
            inodes = inodes == null ? new Inode[n] : Arrays.copyOf(inodes, n);
            counts = counts == null ? new int[n] : Arrays.copyOf(counts, n);
            flags = flags == null ? new int[n] : Arrays.copyOf(flags, n);
            hashed = hashed == null ? new boolean[n] : Arrays.copyOf(hashed, n);
        }

        void add(Dentry d) {
            if (size == ids.length) {
                allocate(size * 2);
            }
            dentries[size] = d;
            ids[size] = d.id();
            parentIds[size] = d.parent().id();
            devs[size] = d.sb().dev();
            stamps[size] = d.lruStamp();
            names[size] = d.name();
            inodes[size] = d.inode();
            counts[size] = d.count();
            flags[size] = d.flagBits();
            hashed[size] = d.isHashed();
            size++;
        }
    }
}
