package org.vfscope.visualizer.dentry;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
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
    private static final Comparator<DentryInfo> BY_NAME = Comparator.comparing(DentryInfo::name);
    private boolean eventsSeen;

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
        return new DentryCacheModel(frame.snapshot().seq(), dc.stats(), lru(dc.dentries()),
                outline(dc.dentries(), frame.names()),
                lookups, shrinks, frame.names(), eventsSeen);
    }

    /** The dentries on an LRU, head (scanned first) to tail. */
    static List<DentryInfo> lru(List<DentryInfo> dentries) {
        List<DentryInfo> lru = new ArrayList<>();
        for (DentryInfo d : dentries) {
            if (d.onLru()) {
                lru.add(d);
            }
        }
        lru.sort(Comparator.comparingInt(DentryInfo::lruPosition));
        return lru;
    }

    /**
     * Depth-first from each root, children by name; a dentry whose parent is not in the snapshot
     * (disconnected, or its parent raced away) starts a tree of its own.
     */
    static List<DentryRow> outline(List<DentryInfo> dentries, DcacheNames names) {
        Map<Long, List<DentryInfo>> children = new HashMap<>();
        List<DentryInfo> tops = new ArrayList<>();
        for (DentryInfo d : dentries) {
            // The frame's names index every dentry by id already: no second map of 100k entries.
            if (d.isRoot() || names.dentry(d.parentId()) == null) {
                tops.add(d);
            } else {
                children.computeIfAbsent(d.parentId(), k -> new ArrayList<>()).add(d);
            }
        }
        List<DentryRow> rows = new ArrayList<>(dentries.size());
        Deque<DentryRow> stack = new ArrayDeque<>();
        for (int t = tops.size() - 1; t >= 0; t--) {
            stack.push(new DentryRow(tops.get(t), 0));
        }
        while (!stack.isEmpty()) {
            DentryRow row = stack.pop();
            rows.add(row);
            List<DentryInfo> kids = children.get(row.dentry().id());
            if (kids != null) {
                kids.sort(BY_NAME);
                for (int i = kids.size() - 1; i >= 0; i--) {
                    stack.push(new DentryRow(kids.get(i), row.depth() + 1));
                }
            }
        }
        return rows;
    }
}
