package org.vfscope.visualizer.page;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.vfscope.trace.CacheShrink;
import org.vfscope.trace.ChunkedList;
import org.vfscope.trace.EngineSnapshot;
import org.vfscope.trace.InodeInfo;
import org.vfscope.trace.PageInfo;
import org.vfscope.trace.PageLru;
import org.vfscope.trace.TraceEvent;
import org.vfscope.visualizer.DcacheNames;
import org.vfscope.visualizer.Frame;
import org.vfscope.visualizer.InodeKey;
import org.vfscope.visualizer.InodeLookup;

/**
 * Builds {@link PageCacheModel}s frame after frame, keeping file colours stable. What it derives
 * from a page (its file, index, colour and marks) it keeps per chunk of the snapshot's page list,
 * and each file's pages as places in the list: a frame reads only the chunks that are new since
 * the last one, so it costs what changed (and copying the strips' colour arrays), not the 100k
 * pages cached. Pages are read in full for the lists' stretches and a file's pages only when the
 * view asks for them. Feed thread.
 */
public final class PageCacheModelBuilder {
    private static final long PAGE_SIZE = 4096;

    private final FileColors colors = new FileColors();
    /** False to derive every frame from scratch (a reference for tests), true to patch. */
    private final boolean patch;
    private volatile Supplier<WorkingsetCounters> workingset;
    private long reclaimed;
    /** What the last model was made of; the very same lists (nothing changed) reuse its lists and maps. */
    private List<PageInfo> lastPages;
    private List<InodeInfo> lastInodes;
    private DcacheNames lastNames;
    private PageCacheModel last;
    /** What was derived from each chunk of the last page list. */
    private Map<Object, ChunkPages> chunks = new IdentityHashMap<>();
    /** Each cached file's pages by index, as places in the last page list. */
    private Map<InodeKey, FileRefs> files = new HashMap<>();

    /** The file, index, list and marks of each page of a chunk, and its colour. */
    private record ChunkPages(InodeKey[] files, long[] indexes, boolean active, int[] marks, int[] colors) {
    }

    /** A file's pages: sorted indexes and where each page is. */
    private record FileRefs(long[] indexes, Object[] chunks, int[] offsets) {
        static final FileRefs EMPTY = new FileRefs(new long[0], new Object[0], new int[0]);
    }

    public PageCacheModelBuilder() {
        this(true);
    }

    PageCacheModelBuilder(boolean patch) {
        this.patch = patch;
    }

    /** Where evictions and refaults come from (the snapshot has no such counters); null for none. */
    public void setWorkingset(Supplier<WorkingsetCounters> workingset) {
        this.workingset = workingset;
    }

    public PageCacheModel build(Frame frame) {
        EngineSnapshot s = frame.snapshot();
        absorbEvents(frame);
        Supplier<WorkingsetCounters> ws = workingset;
        DcacheNames names = frame.names();
        List<PageInfo> pages = s.pageCache().pages();
        if (last != null && pages == lastPages && s.icache().inodes() == lastInodes && names == lastNames) {
            last = new PageCacheModel(s.seq(), s.pageCache(), last.active(), last.activeColors(), last.activeMarks(),
                    last.inactive(), last.inactiveColors(), last.inactiveMarks(), last.files(), last.filesByPages(), names,
                    ws == null ? null : ws.get(), reclaimed);
            return last;
        }
        if (!patch) {
            chunks = new IdentityHashMap<>();
            files = new HashMap<>();
        }
        PageRefs.Source source = source(pages);
        Map<InodeKey, FileEdit> edits = new HashMap<>();
        for (Map.Entry<Object, ChunkPages> e : chunks.entrySet()) {
            if (!source.chunkAt().containsKey(e.getKey())) { // a chunk that went: its pages leave their files
                ChunkPages cp = e.getValue();
                for (int o = 0; o < cp.files().length; o++) {
                    edits.computeIfAbsent(cp.files()[o], k -> new FileEdit()).remove(cp.indexes()[o], e.getKey());
                }
            }
        }
        Map<Object, ChunkPages> nextChunks = new IdentityHashMap<>(source.count() * 2);
        List<Integer> added = new ArrayList<>();
        for (int c = 0; c < source.count(); c++) {
            Object chunk = source.chunk(c);
            ChunkPages cp = chunks.get(chunk);
            if (cp == null) {
                cp = read(source, c);
                added.add(c);
                for (int o = 0; o < cp.files().length; o++) {
                    edits.computeIfAbsent(cp.files()[o], k -> new FileEdit()).add(cp.indexes()[o], chunk, o);
                }
            }
            nextChunks.put(chunk, cp);
        }
        for (Map.Entry<InodeKey, FileEdit> e : edits.entrySet()) {
            FileRefs now = e.getValue().applyTo(files.getOrDefault(e.getKey(), FileRefs.EMPTY));
            if (now.indexes().length == 0) {
                files.remove(e.getKey());
            } else {
                files.put(e.getKey(), now);
            }
        }
        colors.retain(files.keySet());
        for (InodeKey k : sorted(edits.keySet())) { // newly cached files take colours in a fixed order
            if (files.containsKey(k)) {
                colors.colorOf(k);
            }
        }
        for (int c : added) {
            ChunkPages cp = nextChunks.get(source.chunk(c));
            for (int o = 0; o < cp.colors().length; o++) {
                cp.colors()[o] = colors.colorOf(cp.files()[o]);
            }
        }
        chunks = nextChunks;

        int split = 0; // active chunks come first
        int nActive = 0;
        int n = 0;
        for (int c = 0; c < source.count(); c++) {
            n += source.size(c);
            if (chunks.get(source.chunk(c)).active()) {
                split = c + 1;
                nActive = n;
            }
        }
        InodeLookup inodes = InodeLookup.of(s.icache().inodes());
        Map<InodeKey, FilePages> byFile = new LinkedHashMap<>();
        for (InodeKey k : sorted(files.keySet())) {
            FileRefs r = files.get(k);
            byFile.put(k, new FilePages(k, names.nameOf(k.dev(), k.ino()), colors.colorOf(k),
                    new PageRefs.Listed(source, r.chunks(), r.offsets(), r.indexes().length),
                    sizeInPages(inodes.find(k.dev(), k.ino()))));
        }
        List<FilePages> byPages = new ArrayList<>(byFile.values());
        byPages.sort(Comparator.comparingInt((FilePages f) -> f.pagesByIndex().size()).reversed()
                .thenComparing(FilePages::name));

        last = new PageCacheModel(s.seq(), s.pageCache(), new PageRefs.Stretch(source, 0, nActive),
                concat(source, 0, split, true), concat(source, 0, split, false),
                new PageRefs.Stretch(source, nActive, n), concat(source, split, source.count(), true),
                concat(source, split, source.count(), false), byFile, byPages, names, ws == null ? null : ws.get(),
                reclaimed);
        lastPages = pages;
        lastInodes = s.icache().inodes();
        lastNames = names;
        return last;
    }

    private static TreeSet<InodeKey> sorted(java.util.Set<InodeKey> keys) {
        TreeSet<InodeKey> out = new TreeSet<>(Comparator.comparingLong(InodeKey::dev).thenComparingLong(InodeKey::ino));
        out.addAll(keys);
        return out;
    }

    /**
     * The page list as chunks: a snapshot's own; a list made by hand is put in snapshot order
     * (active, then inactive, each by position), each list a chunk.
     */
    private static PageRefs.Source source(List<PageInfo> pages) {
        ChunkedList<PageInfo> chunked = ChunkedList.of(pages);
        List<List<PageInfo>> parts = new ArrayList<>();
        int[] starts = new int[3];
        if (chunked == null) {
            List<PageInfo> active = new ArrayList<>();
            List<PageInfo> inactive = new ArrayList<>();
            for (PageInfo p : pages) {
                (p.lru() == PageLru.ACTIVE ? active : inactive).add(p);
            }
            for (List<PageInfo> part : List.of(active, inactive)) {
                if (!part.isEmpty()) {
                    part.sort(Comparator.comparingInt(PageInfo::lruPosition));
                    starts[parts.size() + 1] = starts[parts.size()] + part.size();
                    parts.add(part);
                }
            }
        }
        Map<Object, Integer> chunkAt = new IdentityHashMap<>();
        PageRefs.Source source = new PageRefs.Source(pages, chunked, parts, starts, chunkAt);
        for (int c = 0; c < source.count(); c++) {
            chunkAt.put(source.chunk(c), c);
        }
        return source;
    }

    /** What a chunk's pages are; colours are filled in once the frame's files have theirs. */
    private static ChunkPages read(PageRefs.Source source, int c) {
        int n = source.size(c);
        InodeKey[] owners = new InodeKey[n];
        long[] indexes = new long[n];
        int[] marks = new int[n];
        java.util.Set<org.vfscope.mm.FolioFlag> lastFlags = null;
        int lastMarks = 0;
        InodeKey owner = null;
        boolean active = false;
        for (int o = 0; o < n; o++) {
            PageInfo p = source.element(c, o);
            if (owner == null || p.ino() != owner.ino() || p.dev() != owner.dev()) { // neighbours often share a file
                owner = new InodeKey(p.dev(), p.ino());
            }
            owners[o] = owner;
            indexes[o] = p.index();
            if (p.flags() != lastFlags) { // snapshots share one set per combination of flags
                lastFlags = p.flags();
                lastMarks = PageCellPainter.marks(lastFlags);
            }
            marks[o] = lastMarks;
            active = p.lru() == PageLru.ACTIVE;
        }
        return new ChunkPages(owners, indexes, active, marks, new int[n]);
    }

    /** The colours (or marks) of chunks {@code [from, to)}, end to end. */
    private int[] concat(PageRefs.Source source, int from, int to, boolean colorsWanted) {
        int n = 0;
        for (int c = from; c < to; c++) {
            n += source.size(c);
        }
        int[] out = new int[n];
        int at = 0;
        for (int c = from; c < to; c++) {
            ChunkPages cp = chunks.get(source.chunk(c));
            int[] part = colorsWanted ? cp.colors() : cp.marks();
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    /** One frame's changes to a file's pages: places that went (if the page is still there) and places that came. */
    private static final class FileEdit {
        private long[] goneIndex = new long[4];
        private Object[] goneChunk = new Object[4];
        private int gone;
        private long[] newIndex = new long[4];
        private Object[] newChunk = new Object[4];
        private int[] newOffset = new int[4];
        private int added;

        void remove(long index, Object chunk) {
            if (gone == goneIndex.length) {
                goneIndex = Arrays.copyOf(goneIndex, gone * 2);
                goneChunk = Arrays.copyOf(goneChunk, gone * 2);
            }
            goneIndex[gone] = index;
            goneChunk[gone++] = chunk;
        }

        void add(long index, Object chunk, int offset) {
            if (added == newIndex.length) {
                newIndex = Arrays.copyOf(newIndex, added * 2);
                newChunk = Arrays.copyOf(newChunk, added * 2);
                newOffset = Arrays.copyOf(newOffset, added * 2);
            }
            newIndex[added] = index;
            newChunk[added] = chunk;
            newOffset[added++] = offset;
        }

        /** The file's pages after this edit: removals first, then additions (a page that moved is both). */
        FileRefs applyTo(FileRefs old) {
            int n = old.indexes().length;
            boolean[] dropped = new boolean[n];
            for (int i = 0; i < gone; i++) {
                int at = Arrays.binarySearch(old.indexes(), goneIndex[i]);
                if (at >= 0 && old.chunks()[at] == goneChunk[i]) {
                    dropped[at] = true;
                }
            }
            Integer[] order = new Integer[added];
            for (int i = 0; i < added; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparingLong(i -> newIndex[i]));
            long[] idx = new long[n + added];
            Object[] ch = new Object[n + added];
            int[] off = new int[n + added];
            int m = 0;
            int a = 0;
            for (int i = 0; i <= n; i++) {
                long next = i < n ? old.indexes()[i] : Long.MAX_VALUE;
                while (a < added && (newIndex[order[a]] < next || i == n)) {
                    int j = order[a++];
                    if (m > 0 && idx[m - 1] == newIndex[j]) {
                        m--; // the same page twice: the later place holds
                    }
                    idx[m] = newIndex[j];
                    ch[m] = newChunk[j];
                    off[m++] = newOffset[j];
                }
                if (i < n && !dropped[i]) {
                    if (a < added && newIndex[order[a]] == next) {
                        continue; // replaced by the place that came
                    }
                    idx[m] = next;
                    ch[m] = old.chunks()[i];
                    off[m++] = old.offsets()[i];
                }
            }
            return new FileRefs(Arrays.copyOf(idx, m), Arrays.copyOf(ch, m), Arrays.copyOf(off, m));
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
}
