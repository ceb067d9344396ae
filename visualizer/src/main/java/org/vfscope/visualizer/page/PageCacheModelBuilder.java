package org.vfscope.visualizer.page;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.vfscope.trace.CacheShrink;
import org.vfscope.trace.EngineSnapshot;
import org.vfscope.trace.InodeInfo;
import org.vfscope.trace.PageInfo;
import org.vfscope.trace.PageLru;
import org.vfscope.trace.TraceEvent;
import org.vfscope.visualizer.DcacheNames;
import org.vfscope.visualizer.Frame;
import org.vfscope.visualizer.InodeKey;
import org.vfscope.visualizer.InodeLookup;

/** Builds {@link PageCacheModel}s frame after frame, keeping file colours stable. Feed thread. */
public final class PageCacheModelBuilder {
    private static final long PAGE_SIZE = 4096;

    private final FileColors colors = new FileColors();
    private volatile Supplier<WorkingsetCounters> workingset;
    private long reclaimed;
    /** What the last model was made of; the very same lists (nothing changed) reuse its lists and maps. */
    private List<PageInfo> lastPages;
    private List<InodeInfo> lastInodes;
    private DcacheNames lastNames;
    private PageCacheModel last;

    /** Where evictions and refaults come from (the snapshot has no such counters); null for none. */
    public void setWorkingset(Supplier<WorkingsetCounters> workingset) {
        this.workingset = workingset;
    }

    public PageCacheModel build(Frame frame) {
        EngineSnapshot s = frame.snapshot();
        absorbEvents(frame);
        Supplier<WorkingsetCounters> ws = workingset;
        DcacheNames names = frame.names();
        if (last != null && s.pageCache().pages() == lastPages && s.icache().inodes() == lastInodes && names == lastNames) {
            last = new PageCacheModel(s.seq(), s.pageCache(), last.active(), last.activeColors(), last.activeMarks(),
                    last.inactive(), last.inactiveColors(), last.inactiveMarks(), last.files(), last.filesByPages(), names,
                    ws == null ? null : ws.get(), reclaimed);
            return last;
        }
        List<PageInfo> active = new ArrayList<>((int) s.pageCache().nrActive());
        List<PageInfo> inactive = new ArrayList<>((int) s.pageCache().nrInactive());
        Map<InodeKey, List<PageInfo>> byFile = new HashMap<>();
        List<PageInfo> run = null;
        long runDev = -1;
        long runIno = -1;
        for (PageInfo p : s.pageCache().pages()) {
            if (p.lru() == PageLru.ACTIVE) {
                active.add(p);
            } else {
                inactive.add(p);
            }
            if (run == null || p.ino() != runIno || p.dev() != runDev) { // neighbours on a list often share a file
                runDev = p.dev();
                runIno = p.ino();
                run = byFile.computeIfAbsent(new InodeKey(runDev, runIno), k -> new ArrayList<>());
            }
            run.add(p);
        }
        active.sort(Comparator.comparingInt(PageInfo::lruPosition));
        inactive.sort(Comparator.comparingInt(PageInfo::lruPosition));

        InodeLookup inodes = InodeLookup.of(s.icache().inodes());
        colors.retain(byFile.keySet());
        Map<InodeKey, FilePages> files = new LinkedHashMap<>();
        for (Map.Entry<InodeKey, List<PageInfo>> e : byFile.entrySet()) {
            InodeKey k = e.getKey();
            List<PageInfo> pages = e.getValue();
            byIndex(pages);
            files.put(k, new FilePages(k, names.nameOf(k.dev(), k.ino()), colors.colorOf(k), pages,
                    sizeInPages(inodes.find(k.dev(), k.ino()))));
        }
        List<FilePages> byPages = new ArrayList<>(files.values());
        byPages.sort(Comparator.comparingInt((FilePages f) -> f.pagesByIndex().size()).reversed()
                .thenComparing(FilePages::name));

        last = new PageCacheModel(s.seq(), s.pageCache(), active, colorsOf(active), marksOf(active), inactive,
                colorsOf(inactive), marksOf(inactive),
                files, byPages, names, ws == null ? null : ws.get(), reclaimed);
        lastPages = s.pageCache().pages();
        lastInodes = s.icache().inodes();
        lastNames = names;
        return last;
    }

    /** Bits of a packed sort key that hold the position in the list. */
    private static final int POSITION_BITS = 21;

    /**
     * Sorts one file's pages by index in place: a primitive sort of {@code index << 21 | i}
     * (the pages of 100 files came in LRU order, and comparator sorts of 100k were a third of
     * the model), the comparator only when the numbers do not fit.
     */
    static void byIndex(List<PageInfo> pages) {
        int n = pages.size();
        boolean sorted = true;
        boolean packable = n < (1 << POSITION_BITS);
        for (int i = 0; i < n; i++) {
            long index = pages.get(i).index();
            packable &= index >= 0 && index < (1L << (63 - POSITION_BITS));
            sorted &= i == 0 || pages.get(i - 1).index() <= index;
        }
        if (sorted) {
            return;
        }
        if (!packable) {
            pages.sort(Comparator.comparingLong(PageInfo::index));
            return;
        }
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = pages.get(i).index() << POSITION_BITS | i;
        }
        java.util.Arrays.sort(keys);
        PageInfo[] copy = pages.toArray(new PageInfo[0]);
        for (int i = 0; i < n; i++) {
            pages.set(i, copy[(int) (keys[i] & ((1 << POSITION_BITS) - 1))]);
        }
    }

    private static long sizeInPages(InodeInfo inode) {
        return inode == null ? 0 : (inode.size() + PAGE_SIZE - 1) / PAGE_SIZE;
    }

    /** Counts the frame's reclaimed pages; for a frame whose model is not built, too. */
    public void absorbEvents(Frame frame) {
        for (TraceEvent e : frame.events()) {
            if (e instanceof CacheShrink c && c.cache() == CacheShrink.Cache.PAGES) {
                reclaimed += c.freed();
            }
        }
    }

    private int[] colorsOf(List<PageInfo> pages) {
        int[] out = new int[pages.size()];
        long dev = -1;
        long ino = -1;
        int color = 0;
        for (int i = 0; i < out.length; i++) {
            PageInfo p = pages.get(i);
            if (p.ino() != ino || p.dev() != dev) { // neighbours on a list often share a file
                dev = p.dev();
                ino = p.ino();
                color = colors.colorOf(new InodeKey(dev, ino));
            }
            out[i] = color;
        }
        return out;
    }

    private static int[] marksOf(List<PageInfo> pages) {
        int[] out = new int[pages.size()];
        java.util.Set<org.vfscope.mm.FolioFlag> lastFlags = null;
        int lastMarks = 0;
        for (int i = 0; i < out.length; i++) {
            java.util.Set<org.vfscope.mm.FolioFlag> flags = pages.get(i).flags();
            if (flags != lastFlags) { // snapshots share one set per combination of flags
                lastFlags = flags;
                lastMarks = PageCellPainter.marks(flags);
            }
            out[i] = lastMarks;
        }
        return out;
    }
}
