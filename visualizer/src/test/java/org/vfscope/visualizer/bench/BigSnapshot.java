package org.vfscope.visualizer.bench;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.vfscope.mm.FolioFlag;
import org.vfscope.trace.DentryInfo;
import org.vfscope.trace.DentryState;
import org.vfscope.trace.EngineSnapshot;
import org.vfscope.trace.InodeInfo;
import org.vfscope.trace.InodeIoList;
import org.vfscope.trace.PageInfo;
import org.vfscope.trace.PageLru;
import org.vfscope.vfs.dcache.DentryFlag;
import org.vfscope.vfs.icache.InodeState;
import org.vfscope.visualizer.Fixtures;

/** A `find /usr`-sized snapshot: 100k dentries (half negative), 100k pages in 200 files, 1,000 inodes. */
final class BigSnapshot {
    private BigSnapshot() {
    }

    static EngineSnapshot build(long seq) {
        List<DentryInfo> dentries = new ArrayList<>(100_101);
        dentries.add(new DentryInfo(1, 1, "/", 1, 1, DentryState.POSITIVE_IN_USE, 1, Set.of(), -1));
        int lru = 0;
        long id = 2;
        for (int d = 0; d < 100; d++) {
            long dirId = id++;
            dentries.add(new DentryInfo(dirId, 1, "d" + d, 1, dirId, DentryState.POSITIVE_IN_USE, 1, Set.of(), -1));
            for (int f = 0; f < 1000; f++) {
                boolean negative = f % 2 == 1;
                int pos = f % 5 == 0 ? -1 : lru++;
                Set<DentryFlag> flags = pos < 0 ? EnumSet.noneOf(DentryFlag.class) : EnumSet.of(DentryFlag.LRU_LIST);
                if (f % 7 == 0 && pos >= 0) {
                    flags.add(DentryFlag.REFERENCED);
                }
                DentryState state = negative ? (pos < 0 ? DentryState.NEGATIVE_IN_USE : DentryState.NEGATIVE_UNUSED)
                        : (pos < 0 ? DentryState.POSITIVE_IN_USE : DentryState.POSITIVE_UNUSED);
                dentries.add(new DentryInfo(id, dirId, (negative ? "missing" : "f") + f, 1, negative ? -1 : id, state,
                        pos < 0 ? 1 : 0, flags, pos));
                id++;
            }
        }
        List<InodeInfo> inodes = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            boolean file = i < 200;
            inodes.add(new InodeInfo(1, 1000 + i, i % 3 == 0 ? EnumSet.of(InodeState.I_DIRTY_PAGES)
                    : EnumSet.noneOf(InodeState.class), 1, 1, file ? Fixtures.FILE : Fixtures.DIR, file ? 500 * 4096 : 0,
                    i % 3 == 0 ? InodeIoList.B_DIRTY : InodeIoList.NONE, 0, file ? 500 : 0, i % 3 == 0 ? 50 : 0, -1));
        }
        List<PageInfo> pages = new ArrayList<>(100_000);
        int active = 0;
        int inactive = 0;
        for (int f = 0; f < 200; f++) {
            for (int p = 0; p < 500; p++) {
                boolean act = (f + p) % 10 < 3;
                Set<FolioFlag> flags = EnumSet.of(FolioFlag.UPTODATE, FolioFlag.LRU);
                if (p % 9 == 0) {
                    flags.add(FolioFlag.DIRTY);
                }
                if (p % 4 == 0) {
                    flags.add(FolioFlag.REFERENCED);
                }
                if (p % 32 == 0) {
                    flags.add(FolioFlag.READAHEAD);
                }
                pages.add(new PageInfo(1, 1000 + f, p, flags, act ? PageLru.ACTIVE : PageLru.INACTIVE,
                        act ? active++ : inactive++));
            }
        }
        return Fixtures.snapshot(seq, 1_000_000_000L, dentries, inodes, pages);
    }
}
