package org.vfscope.trace;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
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
 * pass: states, counts, pages and LRU positions are copied under the inode cache lock; the
 * writeback lists are copied afterwards, because wb->list_lock nests outside i_lock. A
 * superblock's four lists are copied under one hold of the list lock, so they agree.
 */
public final class InodeSnapshots {

    /** Both halves of one pass. */
    public record Result(InodeCacheSnapshot icache, List<WritebackSnapshot> writeback) {
    }

    /**
     * What must agree with the LRU, copied under the inode cache lock, and the attributes read
     * while the inode is at hand (reading them after the lock would fetch 50k inodes again).
     */
    private record Locked(Inode inode, Object memo, long dev, long ino, int stateBits, int count, int nlink, int mode, long size,
                          long dirtiedWhen, int cachedPages, int dirtyPages, int lruPosition) {
    }

    private static final int I_SYNC = 1 << InodeState.I_SYNC.ordinal();

    private static final Comparator<InodeInfo> BY_DEV_INO =
            Comparator.comparingLong(InodeInfo::dev).thenComparingLong(InodeInfo::ino);
    private static final InodeIoList[] LISTS =
            {InodeIoList.B_DIRTY, InodeIoList.B_IO, InodeIoList.B_MORE_IO, InodeIoList.B_DIRTY_TIME};

    private InodeSnapshots() {
    }

    public static Result take(Kernel kernel) {
        return take(kernel, kernel.superBlocks());
    }

    static Result take(Kernel kernel, List<SuperBlock> sbs) {
        List<Locked> copied = new ArrayList<>((int) Math.min(Integer.MAX_VALUE - 8, kernel.icache().nrInodes() + 16));
        InodeStats stats = kernel.icache().copyForSnapshot(sbs, (inode, lruPosition) -> {
            AddressSpace mapping = inode.mapping();
            copied.add(new Locked(inode, inode.snapshotMemo(), inode.sb().dev(), inode.ino(), inode.stateBits(), inode.count(), inode.nlink(),
                    inode.mode(), inode.size(), inode.dirtiedWhen(), mapping.nrpages(), mapping.nrDirty(), lruPosition));
        });

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

        List<InodeInfo> inodes = new ArrayList<>(copied.size());
        Map<Long, long[]> pageTotals = new HashMap<>();
        int lastBits = -1;
        java.util.Set<InodeState> lastState = null;
        long totalsDev = 0;
        long[] totals = null;
        for (Locked c : copied) {
            long dev = c.dev();
            if (lastState == null || c.stateBits() != lastBits) { // most inodes share their state bits
                lastBits = c.stateBits();
                lastState = Flags.ofBits(InodeState.class, lastBits);
            }
            InodeIoList ioList = ioListOf.isEmpty() ? InodeIoList.NONE
                    : ioListOf.getOrDefault(c.inode(), InodeIoList.NONE);
            InodeInfo info = c.memo() instanceof InodeInfo m && m.dev() == dev && m.ino() == c.ino()
                    && m.state() == lastState && m.count() == c.count() && m.nlink() == c.nlink() && m.mode() == c.mode()
                    && m.size() == c.size() && m.ioList() == ioList && m.dirtiedWhen() == c.dirtiedWhen()
                    && m.cachedPages() == c.cachedPages() && m.dirtyPages() == c.dirtyPages()
                    && m.lruPosition() == c.lruPosition() ? m : null;
            if (info == null) { // changed since the last snapshot, or new: a new record
                info = new InodeInfo(dev, c.ino(), lastState, c.count(), c.nlink(), c.mode(), c.size(), ioList,
                        c.dirtiedWhen(), c.cachedPages(), c.dirtyPages(), c.lruPosition());
                c.inode().setSnapshotMemo(info);
            }
            inodes.add(info);
            if (totals == null || dev != totalsDev) { // a superblock's inodes come together
                totalsDev = dev;
                totals = pageTotals.computeIfAbsent(dev, k -> new long[2]);
            }
            totals[0] += c.dirtyPages();
            if ((c.stateBits() & I_SYNC) != 0) {
                // Pages are under writeback only while their inode is under I_SYNC.
                totals[1] += writebackPages(c.inode().mapping());
            }
        }
        inodes = byDevIno(inodes);

        long backgroundThresh = writeback.backgroundThresh();
        long dirtyThresh = writeback.dirtyThresh();
        List<WritebackSnapshot> wbs = new ArrayList<>(sbs.size());
        for (SuperBlock sb : sbs) {
            Map<InodeIoList, List<Long>> bySb = lists.get(sb.dev());
            long[] sbTotals = pageTotals.getOrDefault(sb.dev(), new long[2]);
            wbs.add(new WritebackSnapshot(sb.dev(), sb.id(), bySb.get(InodeIoList.B_DIRTY),
                    bySb.get(InodeIoList.B_IO), bySb.get(InodeIoList.B_MORE_IO), bySb.get(InodeIoList.B_DIRTY_TIME),
                    sbTotals[0], sbTotals[1], backgroundThresh, dirtyThresh));
        }
        return new Result(new InodeCacheSnapshot(inodes, stats), wbs);
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
