package org.vfscope.visualizer.inode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.vfscope.trace.EngineSnapshot;
import org.vfscope.trace.InodeInfo;
import org.vfscope.trace.InodeIoList;
import org.vfscope.trace.WritebackSnapshot;
import org.vfscope.visualizer.Frame;
import org.vfscope.visualizer.InodeLookup;

/** Builds {@link InodeCacheModel}s. Feed thread. */
public final class InodeCacheModelBuilder {
    static final List<InodeIoList> LISTS =
            List.of(InodeIoList.B_DIRTY, InodeIoList.B_IO, InodeIoList.B_MORE_IO, InodeIoList.B_DIRTY_TIME);

    private static final Comparator<InodeInfo> BY_DEV_INO =
            Comparator.comparingLong(InodeInfo::dev).thenComparingLong(InodeInfo::ino);

    /** Sorts by (dev, ino) unless already so, as snapshots from the engine are. */
    private static void sortIfNeeded(List<InodeInfo> list) {
        for (int k = 1; k < list.size(); k++) {
            if (BY_DEV_INO.compare(list.get(k - 1), list.get(k)) > 0) {
                list.sort(BY_DEV_INO);
                return;
            }
        }
    }

    /** Something to write: dirty, queued or under I_SYNC. */
    static boolean busy(InodeInfo i) {
        return i.isDirty() || i.ioList() != InodeIoList.NONE
                || i.state().contains(org.vfscope.vfs.icache.InodeState.I_SYNC);
    }

    /** What the last model was made of; the very same inodes and equal lists reuse its rows. */
    private List<InodeInfo> lastInodes;
    private List<WritebackSnapshot> lastWriteback;
    private InodeCacheModel last;

    public InodeCacheModel build(Frame frame) {
        EngineSnapshot s = frame.snapshot();
        List<InodeInfo> inodes = s.icache().inodes();
        if (last != null && inodes == lastInodes && s.writeback().equals(lastWriteback)) {
            last = new InodeCacheModel(s.seq(), s.timeNanos(), s.icache().stats(), last.inodes(), last.lru(),
                    last.ioLists(), frame.names());
            return last;
        }
        InodeLookup byKey = InodeLookup.of(inodes);
        List<InodeInfo> lru = new ArrayList<>();
        for (InodeInfo i : inodes) {
            if (i.onLru()) {
                lru.add(i);
            }
        }
        lru.sort(Comparator.comparingLong(InodeInfo::dev).thenComparingInt(InodeInfo::lruPosition));
        Map<InodeIoList, List<InodeInfo>> lists = new EnumMap<>(InodeIoList.class);
        for (InodeIoList which : LISTS) {
            List<InodeInfo> on = new ArrayList<>();
            for (WritebackSnapshot wb : s.writeback()) {
                for (long ino : wb.list(which)) {
                    InodeInfo i = byKey.find(wb.dev(), ino);
                    if (i != null) {
                        on.add(i);
                    }
                }
            }
            lists.put(which, on);
        }
        // Inodes with something to write first, then by device and number. The snapshot lists them
        // by (dev, ino) already: a stable split does it without sorting 50k rows.
        List<InodeInfo> rows = new ArrayList<>(inodes.size());
        List<InodeInfo> idle = new ArrayList<>(inodes.size());
        for (InodeInfo i : inodes) {
            (busy(i) ? rows : idle).add(i);
        }
        sortIfNeeded(rows);
        sortIfNeeded(idle);
        rows.addAll(idle);
        last = new InodeCacheModel(s.seq(), s.timeNanos(), s.icache().stats(), rows, lru, lists, frame.names());
        lastInodes = inodes;
        lastWriteback = s.writeback();
        return last;
    }
}
