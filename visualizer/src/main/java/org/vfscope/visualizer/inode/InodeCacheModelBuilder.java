package org.vfscope.visualizer.inode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vfscope.trace.EngineSnapshot;
import org.vfscope.trace.InodeInfo;
import org.vfscope.trace.InodeIoList;
import org.vfscope.trace.WritebackSnapshot;
import org.vfscope.visualizer.Frame;
import org.vfscope.visualizer.InodeKey;

/** Builds {@link InodeCacheModel}s. Feed thread. */
public final class InodeCacheModelBuilder {
    static final List<InodeIoList> LISTS =
            List.of(InodeIoList.B_DIRTY, InodeIoList.B_IO, InodeIoList.B_MORE_IO, InodeIoList.B_DIRTY_TIME);

    /** Inodes with something to write (dirty, queued or under I_SYNC) first, then by device and number. */
    static final Comparator<InodeInfo> BUSY_FIRST = Comparator
            .comparing((InodeInfo i) -> !(i.isDirty() || i.ioList() != InodeIoList.NONE
                    || i.state().contains(org.vfscope.vfs.icache.InodeState.I_SYNC)))
            .thenComparingLong(InodeInfo::dev).thenComparingLong(InodeInfo::ino);

    public InodeCacheModel build(Frame frame) {
        EngineSnapshot s = frame.snapshot();
        List<InodeInfo> inodes = s.icache().inodes();
        Map<InodeKey, InodeInfo> byKey = new HashMap<>(inodes.size() * 2);
        List<InodeInfo> lru = new ArrayList<>();
        for (InodeInfo i : inodes) {
            byKey.put(new InodeKey(i.dev(), i.ino()), i);
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
                    InodeInfo i = byKey.get(new InodeKey(wb.dev(), ino));
                    if (i != null) {
                        on.add(i);
                    }
                }
            }
            lists.put(which, on);
        }
        List<InodeInfo> rows = new ArrayList<>(inodes);
        rows.sort(BUSY_FIRST);
        return new InodeCacheModel(s.seq(), s.timeNanos(), s.icache().stats(), rows, lru, lists, frame.names());
    }
}
