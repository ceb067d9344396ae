package org.vfscope.trace;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.vfscope.mm.AddressSpace;
import org.vfscope.mm.BdiWriteback;
import org.vfscope.mm.Folio;
import org.vfscope.mm.FolioFlag;
import org.vfscope.mm.Writeback;
import org.vfscope.vfs.Inode;
import org.vfscope.vfs.Kernel;
import org.vfscope.vfs.SuperBlock;
import org.vfscope.vfs.icache.InodeState;
import org.vfscope.vfs.icache.InodeStats;

/**
 * Takes the {@link InodeCacheSnapshot} and the per-superblock {@link WritebackSnapshot}s in one
 * pass: the writeback lists first (wb->list_lock nests outside i_lock; a superblock's four lists
 * are copied under one hold of it, so they agree), then states, counts, pages and LRU places
 * under the inode cache lock. Per superblock the inodes live in a {@link SortedChunks} by number,
 * and the inode LRU in one by the stamp each inode got when it joined the tail; an incremental
 * take reads only the inodes in the inode cache's change log (and the hosts of changed folios,
 * and inodes on or just off a writeback list) and patches the previous sequences.
 */
public final class InodeSnapshots {

    /** Both halves of one pass. */
    public record Result(InodeCacheSnapshot icache, List<WritebackSnapshot> writeback) {
    }

    /** An inode's place (device, number, LRU stamp or 0 when off it) and its record (no LRU position). */
    record Entry(long dev, long ino, long lruStamp, InodeInfo info, Positioned<InodeInfo> positioned) {
        Entry(long dev, long ino, long lruStamp, InodeInfo info) {
            this(dev, ino, lruStamp, info, new Positioned<>());
        }
    }

    /** What an incremental taker keeps from one snapshot to the next. */
    static final class State {
        /** Per device in ascending order: inodes by number, and the LRU stamps from head to tail. */
        final Map<Long, Sb> byDev = new TreeMap<>();
        /** Inodes that were on a writeback list: their list shows in their record, so they are read again. */
        Set<Inode> onLists = newIdentitySet();
        /** Inodes under I_SYNC: their pages under writeback are counted every time. */
        final Set<Inode> syncing = newIdentitySet();
        SnapshotList<InodeInfo> last;
    }

    private static final class Sb {
        SortedChunks byIno = SortedChunks.EMPTY;
        SortedChunks lru = SortedChunks.EMPTY;
        long dirtyPages;
    }

    /** What is read under the inode cache lock per inode, and the attributes read while it is at hand. */
    private record Locked(Inode inode, boolean member, long dev, long ino, int stateBits, int count, int nlink, int mode,
                          long size, long dirtiedWhen, int cachedPages, int dirtyPages, long lruStamp) {
    }

    private static final int I_SYNC = 1 << InodeState.I_SYNC.ordinal();

    private static final Comparator<InodeInfo> BY_DEV_INO =
            Comparator.comparingLong(InodeInfo::dev).thenComparingLong(InodeInfo::ino);
    private static final InodeIoList[] LISTS =
            {InodeIoList.B_DIRTY, InodeIoList.B_IO, InodeIoList.B_MORE_IO, InodeIoList.B_DIRTY_TIME};

    private InodeSnapshots() {
    }

    /** A full snapshot, remembering nothing. */
    public static Result take(Kernel kernel) {
        return take(kernel, kernel.superBlocks());
    }

    static Result take(Kernel kernel, List<SuperBlock> sbs) {
        return take(kernel, sbs, new State(), null, false);
    }

    private static <T> Set<T> newIdentitySet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }

    /**
     * With {@code changed} null, a full take that replaces {@code state}; else a patch of it with
     * the changed inodes (those whose writeback list may have changed are added here). With
     * {@code memo}, each inode keeps its entry (the taker owns them).
     */
    static Result take(Kernel kernel, List<SuperBlock> sbs, State state, Collection<Inode> changed, boolean memo) {
        // The writeback lists first: wb->list_lock nests outside i_lock, so never under the cache lock.
        Writeback writeback = kernel.writeback();
        Map<Inode, InodeIoList> ioListOf = new IdentityHashMap<>();
        Map<Long, Map<InodeIoList, List<Long>>> lists = new HashMap<>();
        for (SuperBlock sb : sbs) {
            Map<BdiWriteback.IoList, List<Inode>> all = writeback.listsSnapshot(sb);
            Map<InodeIoList, List<Long>> bySb = new EnumMap<>(InodeIoList.class);
            for (InodeIoList which : LISTS) {
                List<Inode> on = all.get(toEngine(which));
                List<Long> inos = new ArrayList<>(on.size());
                for (Inode inode : on) {
                    ioListOf.put(inode, which);
                    inos.add(inode.ino());
                }
                bySb.put(which, inos);
            }
            lists.put(sb.dev(), bySb);
        }

        Set<Long> devs = new HashSet<>();
        for (SuperBlock sb : sbs) {
            devs.add(sb.dev());
        }
        List<Locked> copied;
        InodeStats stats;
        if (changed == null) {
            List<Locked> all = new ArrayList<>((int) Math.min(Integer.MAX_VALUE - 8, kernel.icache().nrInodes() + 16));
            stats = kernel.icache().copyForSnapshot(sbs, (inode, lruPosition) -> all.add(read(inode, true, lruPosition >= 0)));
            copied = all;
        } else {
            Set<Inode> todo = newIdentitySet();
            todo.addAll(changed);
            todo.addAll(ioListOf.keySet());
            todo.addAll(state.onLists);
            List<Locked> some = new ArrayList<>(todo.size());
            stats = kernel.icache().readForSnapshot(() -> {
                for (Inode inode : todo) {
                    SuperBlock sb = inode.sb();
                    boolean member = devs.contains(sb.dev()) && sb.inodes().contains(inode);
                    some.add(read(inode, member, member && sb.inodeLru().contains(inode)));
                }
            });
            copied = some;
        }
        Set<Inode> onLists = newIdentitySet();
        onLists.addAll(ioListOf.keySet());
        state.onLists = onLists;

        if (changed == null) {
            state.byDev.clear();
            state.syncing.clear();
        }
        Map<Long, SeqPatch[]> patches = new HashMap<>();
        for (SuperBlock sb : sbs) {
            patches.put(sb.dev(), new SeqPatch[] {new SeqPatch(), new SeqPatch()});
        }
        Map<Long, Sb> next = new TreeMap<>();
        for (SuperBlock sb : sbs) {
            Sb s = state.byDev.get(sb.dev());
            next.put(sb.dev(), s == null ? new Sb() : s);
        }
        int lastBits = -1;
        Set<InodeState> lastState = null;
        for (Locked c : copied) {
            Inode inode = c.inode();
            Entry old = changed == null ? null : (Entry) inode.snapshotMemo();
            if (old != null && c.member() && old.dev() == c.dev() && old.lruStamp() == c.lruStamp()
                    && old.info().ioList() == (ioListOf.isEmpty() ? InodeIoList.NONE
                            : ioListOf.getOrDefault(inode, InodeIoList.NONE))
                    && same(old.info(), c)) {
                continue; // a reference taken and dropped again: the entry and its chunk stay
            }
            if (old != null) {
                SeqPatch[] p = patches.get(old.dev());
                if (p != null) {
                    p[0].remove(old.ino());
                    if (old.lruStamp() != 0) {
                        p[1].remove(old.lruStamp());
                    }
                    next.get(old.dev()).dirtyPages -= old.info().dirtyPages();
                }
                state.syncing.remove(inode);
            }
            SeqPatch[] p = c.member() ? patches.get(c.dev()) : null;
            if (p == null) {
                if (memo && old != null) {
                    inode.setSnapshotMemo(null);
                }
                continue;
            }
            if (lastState == null || c.stateBits() != lastBits) { // most inodes share their state bits
                lastBits = c.stateBits();
                lastState = Flags.ofBits(InodeState.class, lastBits);
            }
            InodeIoList ioList = ioListOf.isEmpty() ? InodeIoList.NONE : ioListOf.getOrDefault(inode, InodeIoList.NONE);
            InodeInfo m = old == null ? null : old.info();
            InodeInfo info = m != null && m.dev() == c.dev() && m.ino() == c.ino()
                    && m.state() == lastState && m.count() == c.count() && m.nlink() == c.nlink() && m.mode() == c.mode()
                    && m.size() == c.size() && m.ioList() == ioList && m.dirtiedWhen() == c.dirtiedWhen()
                    && m.cachedPages() == c.cachedPages() && m.dirtyPages() == c.dirtyPages() ? m
                    : new InodeInfo(c.dev(), c.ino(), lastState, c.count(), c.nlink(), c.mode(), c.size(), ioList,
                            c.dirtiedWhen(), c.cachedPages(), c.dirtyPages(), -1);
            Entry e = new Entry(c.dev(), c.ino(), c.lruStamp(), info);
            p[0].add(e.ino(), e);
            if (e.lruStamp() != 0) {
                p[1].add(e.lruStamp(), e);
            }
            next.get(c.dev()).dirtyPages += c.dirtyPages();
            if ((c.stateBits() & I_SYNC) != 0) {
                state.syncing.add(inode);
            }
            if (memo) {
                inode.setSnapshotMemo(e);
            }
        }
        List<SnapshotList.Segment<InodeInfo>> segments = new ArrayList<>();
        for (Map.Entry<Long, Sb> se : next.entrySet()) {
            Sb s = se.getValue();
            SeqPatch[] p = patches.get(se.getKey());
            s.byIno = p[0].applyTo(s.byIno);
            s.lru = p[1].applyTo(s.lru);
            SortedChunks lru = s.lru;
            segments.add(new SnapshotList.Segment<>(s.byIno, (stored, index) -> element((Entry) stored, lru), lru));
        }
        state.byDev.clear();
        state.byDev.putAll(next);

        // Pages are under writeback only while their inode is under I_SYNC: count those inodes' pages.
        Map<Long, Long> writebackPages = new HashMap<>();
        for (Inode inode : state.syncing) {
            writebackPages.merge(inode.sb().dev(), writebackPages(inode.mapping()), Long::sum);
        }
        long backgroundThresh = writeback.backgroundThresh();
        long dirtyThresh = writeback.dirtyThresh();
        List<WritebackSnapshot> wbs = new ArrayList<>(sbs.size());
        for (SuperBlock sb : sbs) {
            Map<InodeIoList, List<Long>> bySb = lists.get(sb.dev());
            wbs.add(new WritebackSnapshot(sb.dev(), sb.id(), bySb.get(InodeIoList.B_DIRTY),
                    bySb.get(InodeIoList.B_IO), bySb.get(InodeIoList.B_MORE_IO), bySb.get(InodeIoList.B_DIRTY_TIME),
                    next.get(sb.dev()).dirtyPages, writebackPages.getOrDefault(sb.dev(), 0L), backgroundThresh,
                    dirtyThresh));
        }
        state.last = SnapshotList.reusing(state.last, segments);
        return new Result(new InodeCacheSnapshot(state.last, stats), wbs);
    }

    /** Every field but the writeback list agrees (the state bits by value). */
    private static boolean same(InodeInfo m, Locked c) {
        return m.ino() == c.ino() && m.state() == Flags.ofBits(InodeState.class, c.stateBits()) && m.count() == c.count()
                && m.nlink() == c.nlink() && m.mode() == c.mode() && m.size() == c.size()
                && m.dirtiedWhen() == c.dirtiedWhen() && m.cachedPages() == c.cachedPages()
                && m.dirtyPages() == c.dirtyPages();
    }

    private static Locked read(Inode inode, boolean member, boolean onLru) {
        AddressSpace mapping = inode.mapping();
        return new Locked(inode, member, inode.sb().dev(), inode.ino(), inode.stateBits(), inode.count(), inode.nlink(),
                inode.mode(), inode.size(), inode.dirtiedWhen(), mapping.nrpages(), mapping.nrDirty(),
                onLru ? inode.lruStamp() : 0);
    }

    private static InodeInfo element(Entry e, SortedChunks lru) {
        InodeInfo i = e.info();
        if (e.lruStamp() == 0) {
            return i;
        }
        int position = lru.indexOf(e.lruStamp());
        InodeInfo last = e.positioned().record;
        if (last != null && last.lruPosition() == position) {
            return last;
        }
        InodeInfo made = new InodeInfo(i.dev(), i.ino(), i.state(), i.count(), i.nlink(), i.mode(), i.size(), i.ioList(),
                i.dirtiedWhen(), i.cachedPages(), i.dirtyPages(), position);
        e.positioned().record = made;
        return made;
    }

    /** Bits of a packed sort key that hold the index into the list. */
    private static final int INDEX_BITS = 23;

    /**
     * Sorted by (dev, ino): per device, a primitive sort of {@code ino << 23 | index} (no
     * comparator calls on 50k records); the comparator only when numbers are too large to pack.
     */
    static List<InodeInfo> byDevIno(List<InodeInfo> inodes) {
        int n = inodes.size();
        long[] devs = new long[Math.min(n, 8)];
        int nDevs = 0;
        boolean packable = n < (1 << INDEX_BITS);
        for (int i = 0; i < n && packable; i++) {
            InodeInfo info = inodes.get(i);
            packable = info.ino() >= 0 && info.ino() < (1L << (63 - INDEX_BITS));
            if (nDevs == 0 || devs[nDevs - 1] != info.dev()) {
                boolean known = false;
                for (int d = 0; d < nDevs && !known; d++) {
                    known = devs[d] == info.dev();
                }
                if (!known) {
                    if (nDevs == devs.length) {
                        devs = java.util.Arrays.copyOf(devs, nDevs * 2);
                    }
                    devs[nDevs++] = info.dev();
                }
            }
        }
        if (!packable) {
            List<InodeInfo> copy = new ArrayList<>(inodes);
            copy.sort(BY_DEV_INO);
            return copy;
        }
        java.util.Arrays.sort(devs, 0, nDevs);
        List<InodeInfo> out = new ArrayList<>(n);
        long[] keys = new long[n];
        for (int d = 0; d < nDevs; d++) {
            int k = 0;
            for (int i = 0; i < n; i++) {
                InodeInfo info = inodes.get(i);
                if (info.dev() == devs[d]) {
                    keys[k++] = info.ino() << INDEX_BITS | i;
                }
            }
            java.util.Arrays.sort(keys, 0, k);
            for (int j = 0; j < k; j++) {
                out.add(inodes.get((int) (keys[j] & ((1 << INDEX_BITS) - 1))));
            }
        }
        return out;
    }

    private static BdiWriteback.IoList toEngine(InodeIoList which) {
        return BdiWriteback.IoList.valueOf(which.name());
    }

    private static long writebackPages(AddressSpace mapping) {
        long n = 0;
        for (long index : mapping.indices()) {
            Folio f = mapping.find(index);
            if (f != null && f.test(FolioFlag.WRITEBACK)) {
                n++;
            }
        }
        return n;
    }
}
