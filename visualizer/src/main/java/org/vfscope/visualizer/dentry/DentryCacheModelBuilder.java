package org.vfscope.visualizer.dentry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.vfscope.trace.CacheShrink;
import org.vfscope.trace.DcacheSnapshot;
import org.vfscope.trace.DentryInfo;
import org.vfscope.trace.DentryLookup;
import org.vfscope.trace.TraceEvent;
import org.vfscope.visualizer.DcacheNames;
import org.vfscope.visualizer.Frame;

/** Builds {@link DentryCacheModel}s: orders the LRU and lays the tree out as an outline. Feed thread. */
public final class DentryCacheModelBuilder {
    private final IncrementalOutline outline;
    private boolean eventsSeen;
    /** The dentries the last LRU and outline were made of: the same list (nothing changed) reuses them. */
    private List<DentryInfo> lastDentries;
    private DcacheNames lastNames;
    private List<DentryInfo> lastLru;
    private List<DentryRow> lastRows;

    public DentryCacheModelBuilder() {
        this(true);
    }

    /** With {@code patch} false, the outline is laid out from scratch every frame (a reference for tests). */
    DentryCacheModelBuilder(boolean patch) {
        outline = new IncrementalOutline(patch);
    }

    public DentryCacheModel build(Frame frame) {
        DcacheSnapshot dc = frame.snapshot().dcache();
        Map<DentryKey, DentryLookup.Result> lookups = new java.util.LinkedHashMap<>();
        List<CacheShrink> shrinks = new ArrayList<>();
        for (TraceEvent e : frame.events()) {
            if (e instanceof DentryLookup l) {
                lookups.put(new DentryKey(l.parentId(), l.name()), l.result());
            } else if (e instanceof CacheShrink s && s.cache() == CacheShrink.Cache.DENTRIES) {
                shrinks.add(s);
            }
        }
        eventsSeen |= !frame.events().isEmpty();
        DcacheNames names = frame.names();
        if (dc.dentries() != lastDentries || names != lastNames) {
            lastLru = lru(dc.dentries());
            lastRows = outline.rows(dc.dentries(), names);
            lastDentries = dc.dentries();
            lastNames = names;
        }
        return new DentryCacheModel(frame.snapshot().seq(), dc.stats(), lastLru, lastRows, lookups, shrinks, names,
                eventsSeen);
    }

    /** The outline's frames patched and laid out from scratch so far. */
    int[] outlineFrames() {
        return new int[] {outline.patchedFrames(), outline.laidOutFrames()};
    }

    /** Notes that events were seen; for a frame whose model is not built. */
    public void absorbEvents(Frame frame) {
        eventsSeen |= !frame.events().isEmpty();
    }

    /**
     * The dentries on an LRU, head (scanned first) to tail. A snapshot with one superblock's LRU
     * has it as one run of chunks, already in order: the list's stretch, not read through.
     */
    static List<DentryInfo> lru(List<DentryInfo> dentries) {
        org.vfscope.trace.ChunkedList<DentryInfo> chunked = org.vfscope.trace.ChunkedList.of(dentries);
        if (chunked != null) {
            int first = -1;
            int end = -1;
            boolean oneRun = true;
            for (int c = 0; c < chunked.chunkCount() && oneRun; c++) {
                if (chunked.element(c, 0).onLru()) {
                    oneRun = first < 0 || end == c;
                    first = first < 0 ? c : first;
                    end = c + 1;
                }
            }
            if (first < 0) {
                return List.of();
            }
            if (oneRun) {
                return new ChunkStretch<>(chunked, chunked.chunkStart(first),
                        end == chunked.chunkCount() ? chunked.size() : chunked.chunkStart(end));
            }
        }
        return lruOf(dentries);
    }

    /** The same, read through: filtered, and sorted by position when not in order. */
    static List<DentryInfo> lruOf(List<DentryInfo> dentries) {
        List<DentryInfo> lru = new ArrayList<>();
        for (DentryInfo d : dentries) {
            if (d.onLru()) {
                lru.add(d);
            }
        }
        for (int i = 1; i < lru.size(); i++) {
            if (lru.get(i - 1).lruPosition() > lru.get(i).lruPosition()) { // engine snapshots come in order
                lru.sort(Comparator.comparingInt(DentryInfo::lruPosition));
                break;
            }
        }
        return lru;
    }

    /** The tree as an outline; a builder of its own, so no order is remembered. */
    static List<DentryRow> outline(List<DentryInfo> dentries, DcacheNames names) {
        return new Outline().rows(dentries, names);
    }
}
