package org.vfscope.trace;

import java.util.ArrayList;
import java.util.List;
import org.vfscope.mm.AddressSpace;
import org.vfscope.mm.Folio;
import org.vfscope.mm.FolioFlag;
import org.vfscope.mm.LruList;
import org.vfscope.mm.PageCache;
import org.vfscope.vfs.Inode;
import org.vfscope.vfs.Kernel;

/**
 * Takes a {@link PageCacheSnapshot}. Each LRU list lives in a {@link SortedChunks} keyed by the
 * stamp a folio got when it joined an end of the list (falling at the head, rising at the tail),
 * so the stamps order it from head to tail and an insertion at the head touches one chunk. A full
 * take walks both lists under the lru lock; an incremental take reads only the folios in the page
 * cache's change log and patches the previous lists: it costs what changed.
 */
public final class PageCacheSnapshots {
    private PageCacheSnapshots() {
    }

    /** A folio's place (list and stamp) and its record (no LRU position: that is its index). */
    record Entry(PageLru lru, long stamp, PageInfo info, Positioned<PageInfo> positioned) {
        Entry(PageLru lru, long stamp, PageInfo info) {
            this(lru, stamp, info, new Positioned<>());
        }
    }

    /** What an incremental taker keeps from one snapshot to the next. */
    static final class State {
        SortedChunks active = SortedChunks.EMPTY;
        SortedChunks inactive = SortedChunks.EMPTY;
        SnapshotList<PageInfo> last;
    }

    /** A full snapshot; both lists are copied under one hold of the lru lock: each page shows once, where it was. */
    public static PageCacheSnapshot take(Kernel kernel) {
        return take(kernel, new State(), null, false);
    }

    /**
     * With {@code changed} null, a full take that replaces {@code state}; else a patch of it with
     * the changed folios. With {@code memo}, each folio keeps its entry (the taker owns them).
     */
    static PageCacheSnapshot take(Kernel kernel, State state, List<Folio> changed, boolean memo) {
        PageCache pc = kernel.pageCache();
        List<Folio> folios = new ArrayList<>();
        long[][] fields = new long[1][]; // per folio: list ordinal, stamp, flag bits
        pc.readForSnapshot(() -> {
            if (changed == null) {
                PageCache.LruLists lists = pc.lruLists();
                folios.addAll(lists.active());
                folios.addAll(lists.inactive());
            } else {
                folios.addAll(changed);
            }
            long[] f = new long[folios.size() * 3];
            for (int i = 0; i < folios.size(); i++) {
                Folio folio = folios.get(i);
                f[3 * i] = folio.lruList().ordinal();
                f[3 * i + 1] = folio.lruStamp();
                f[3 * i + 2] = folio.flagBits();
            }
            fields[0] = f;
        });
        long[] f = fields[0];
        SeqPatch active = new SeqPatch();
        SeqPatch inactive = new SeqPatch();
        Owner owner = new Owner();
        for (int i = 0; i < folios.size(); i++) {
            Folio folio = folios.get(i);
            Entry old = changed == null ? null : (Entry) folio.snapshotMemo();
            LruList list = LruList.values()[(int) f[3 * i]];
            PageLru lru = list == LruList.ACTIVE ? PageLru.ACTIVE : PageLru.INACTIVE;
            int bits = (int) f[3 * i + 2];
            boolean same = old != null && list != LruList.NONE && old.lru() == lru && old.info().flags() == owner.flags(bits);
            if (same && old.stamp() == f[3 * i + 1]) {
                continue; // locked and unlocked again, or the like: the entry and its chunk stay
            }
            if (old != null) {
                (old.lru() == PageLru.ACTIVE ? active : inactive).remove(old.stamp());
            }
            if (list == LruList.NONE) {
                if (memo && old != null) {
                    folio.setSnapshotMemo(null);
                }
                continue;
            }
            PageInfo info = same ? old.info() : owner.info(folio, bits, lru);
            Entry e = new Entry(lru, f[3 * i + 1], info);
            (lru == PageLru.ACTIVE ? active : inactive).add(e.stamp(), e);
            if (memo) {
                folio.setSnapshotMemo(e);
            }
        }
        if (changed == null) {
            state.active = SortedChunks.EMPTY;
            state.inactive = SortedChunks.EMPTY;
        }
        state.active = active.applyTo(state.active);
        state.inactive = inactive.applyTo(state.inactive);
        state.last = SnapshotList.reusing(state.last, List.of(
                new SnapshotList.Segment<>(state.active, PageCacheSnapshots::element),
                new SnapshotList.Segment<>(state.inactive, PageCacheSnapshots::element)));
        return new PageCacheSnapshot(state.last, state.active.size(), state.inactive.size(), pc.nrPages(), pc.nrDirty(),
                pc.nrWriteback());
    }

    private static PageInfo element(Object stored, int index) {
        Entry e = (Entry) stored;
        PageInfo last = e.positioned().record;
        if (last != null && last.lruPosition() == index) {
            return last;
        }
        PageInfo p = e.info();
        PageInfo made = new PageInfo(p.dev(), p.ino(), p.index(), p.flags(), p.lru(), index);
        e.positioned().record = made;
        return made;
    }

    /** The owner and flags of the previous page: a run of one file's pages reads its host once. */
    private static final class Owner {
        AddressSpace mapping;
        long dev;
        long ino;
        int flagBits;
        java.util.Set<FolioFlag> flags;

        java.util.Set<FolioFlag> flags(int bits) {
            if (flags == null || bits != flagBits) {
                flagBits = bits;
                flags = Flags.ofBits(FolioFlag.class, bits);
            }
            return flags;
        }

        PageInfo info(Folio f, int bits, PageLru lru) {
            AddressSpace m = f.mapping();
            if (m != mapping) { // neighbours on a list often belong to one file
                Inode host = m.host();
                mapping = m;
                dev = host.sb().dev();
                ino = host.ino();
            }
            return new PageInfo(dev, ino, f.index(), flags(bits), lru, -1);
        }
    }
}
