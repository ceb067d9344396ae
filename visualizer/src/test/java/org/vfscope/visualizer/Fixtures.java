package org.vfscope.visualizer;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.vfscope.mm.FolioFlag;
import org.vfscope.trace.DcacheSnapshot;
import org.vfscope.trace.DentryInfo;
import org.vfscope.trace.DentryState;
import org.vfscope.trace.EngineSnapshot;
import org.vfscope.trace.EventBatch;
import org.vfscope.trace.InodeCacheSnapshot;
import org.vfscope.trace.InodeInfo;
import org.vfscope.trace.InodeIoList;
import org.vfscope.trace.PageCacheSnapshot;
import org.vfscope.trace.PageInfo;
import org.vfscope.trace.PageLru;
import org.vfscope.trace.SequencedEvent;
import org.vfscope.trace.SnapshotSource;
import org.vfscope.trace.SuperBlockInfo;
import org.vfscope.trace.TraceEvent;
import org.vfscope.trace.WritebackSnapshot;
import org.vfscope.vfs.dcache.DentryFlag;
import org.vfscope.vfs.dcache.DentryStats;
import org.vfscope.vfs.icache.InodeState;
import org.vfscope.vfs.icache.InodeStats;

/**
 * Snapshots built by hand for tests: a small known world on device 1 — "/" (dentry 1, inode 1),
 * "/etc" (2, ino 2), "/etc/motd" (3, ino 3, on the LRU at 0, REFERENCED), a negative
 * "/etc/missing" (4, on the LRU at 1), "/data" (5, ino 4) — with pages of /etc/motd and
 * /data on the lists, and /data dirty on b_dirty.
 */
public final class Fixtures {
    public static final long DEV = 1;
    public static final int DIR = 0040755;
    public static final int FILE = 0100644;

    private Fixtures() {
    }

    public static DentryInfo dentry(long id, long parent, String name, long ino, DentryState state, int count,
                                    int lruPosition, DentryFlag... flags) {
        Set<DentryFlag> f = EnumSet.noneOf(DentryFlag.class);
        f.addAll(List.of(flags));
        if (lruPosition >= 0) {
            f.add(DentryFlag.LRU_LIST);
        }
        return new DentryInfo(id, parent, name, DEV, ino, state, count, f, lruPosition);
    }

    public static List<DentryInfo> dentries() {
        return List.of(
                dentry(3, 2, "motd", 3, DentryState.POSITIVE_UNUSED, 0, 0, DentryFlag.REFERENCED),
                dentry(4, 2, "missing", -1, DentryState.NEGATIVE_UNUSED, 0, 1),
                dentry(1, 1, "/", 1, DentryState.POSITIVE_IN_USE, 3, -1),
                dentry(2, 1, "etc", 2, DentryState.POSITIVE_IN_USE, 1, -1),
                dentry(5, 1, "data", 4, DentryState.POSITIVE_IN_USE, 1, -1));
    }

    public static InodeInfo inode(long ino, int mode, long size, InodeIoList list, long dirtiedWhen, int cached,
                                  int dirty, int lruPosition, InodeState... state) {
        Set<InodeState> s = EnumSet.noneOf(InodeState.class);
        s.addAll(List.of(state));
        return new InodeInfo(DEV, ino, s, lruPosition >= 0 ? 0 : 1, mode == DIR ? 2 : 1, mode, size, list,
                dirtiedWhen, cached, dirty, lruPosition);
    }

    public static List<InodeInfo> inodes() {
        return List.of(
                inode(1, DIR, 0, InodeIoList.NONE, 0, 0, 0, -1),
                inode(2, DIR, 0, InodeIoList.NONE, 0, 0, 0, -1),
                inode(3, FILE, 3 * 4096, InodeIoList.NONE, 0, 2, 0, -1),
                inode(4, FILE, 4 * 4096, InodeIoList.B_DIRTY, 1_000_000_000L, 3, 2, -1, InodeState.I_DIRTY_PAGES,
                        InodeState.I_DIRTY_SYNC),
                inode(5, FILE, 100, InodeIoList.NONE, 0, 0, 0, 0, InodeState.I_REFERENCED));
    }

    public static PageInfo page(long ino, long index, PageLru lru, int pos, FolioFlag... flags) {
        Set<FolioFlag> f = EnumSet.of(FolioFlag.UPTODATE, FolioFlag.LRU);
        f.addAll(List.of(flags));
        return new PageInfo(DEV, ino, index, f, lru, pos);
    }

    /** Active: motd 0. Inactive (head to tail): data 2 (dirty), data 0 (dirty), data 1, motd 1. */
    public static List<PageInfo> pages() {
        return List.of(
                page(3, 0, PageLru.ACTIVE, 0, FolioFlag.ACTIVE),
                page(4, 2, PageLru.INACTIVE, 0, FolioFlag.DIRTY),
                page(4, 0, PageLru.INACTIVE, 1, FolioFlag.DIRTY, FolioFlag.REFERENCED),
                page(4, 1, PageLru.INACTIVE, 2, FolioFlag.READAHEAD),
                page(3, 1, PageLru.INACTIVE, 3, FolioFlag.REFERENCED));
    }

    public static EngineSnapshot snapshot(long seq, long timeNanos) {
        return snapshot(seq, timeNanos, dentries(), inodes(), pages());
    }

    public static EngineSnapshot snapshot(long seq, long timeNanos, List<DentryInfo> dentries, List<InodeInfo> inodes,
                                          List<PageInfo> pages) {
        long unused = dentries.stream().filter(DentryInfo::onLru).count();
        long negative = dentries.stream().filter(d -> d.onLru() && d.state().isNegative()).count();
        DcacheSnapshot dc = new DcacheSnapshot(dentries, new DentryStats(dentries.size(), unused, negative, 10, 2, 3));
        InodeCacheSnapshot ic = new InodeCacheSnapshot(inodes,
                new InodeStats(inodes.size(), inodes.stream().filter(InodeInfo::onLru).count()));
        List<Long> bDirty = new ArrayList<>();
        long dirty = 0;
        for (InodeInfo i : inodes) {
            if (i.ioList() == InodeIoList.B_DIRTY) {
                bDirty.add(i.ino());
            }
            dirty += i.dirtyPages();
        }
        WritebackSnapshot wb = new WritebackSnapshot(DEV, "rootfs", bDirty, List.of(), List.of(), List.of(), dirty, 0,
                100, 200);
        long active = pages.stream().filter(p -> p.lru() == PageLru.ACTIVE).count();
        long dirtyPages = pages.stream().filter(p -> p.flags().contains(FolioFlag.DIRTY)).count();
        PageCacheSnapshot pc = new PageCacheSnapshot(pages, active, pages.size() - active, pages.size(), dirtyPages, 0);
        return new EngineSnapshot(seq, timeNanos, 0, List.of(new SuperBlockInfo(DEV, "rootfs", "ramfs", 1)), dc, ic,
                List.of(wb), pc);
    }

    /** A source that serves whatever snapshot and events a test hands it. */
    public static final class HandSource implements SnapshotSource {
        private volatile EngineSnapshot snapshot;
        private final List<TraceEvent> events = new ArrayList<>();

        public HandSource(EngineSnapshot snapshot) {
            this.snapshot = snapshot;
        }

        public void set(EngineSnapshot s) {
            snapshot = s;
        }

        public synchronized void offer(TraceEvent e) {
            events.add(e);
        }

        @Override
        public EngineSnapshot latest() {
            return snapshot;
        }

        @Override
        public synchronized EventBatch eventsSince(long seq) {
            List<SequencedEvent> out = new ArrayList<>();
            for (long i = seq; i < events.size(); i++) {
                out.add(new SequencedEvent(i, events.get((int) i)));
            }
            return new EventBatch(out, events.size(), 0);
        }
    }
}
