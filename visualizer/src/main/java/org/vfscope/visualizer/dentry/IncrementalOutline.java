package org.vfscope.visualizer.dentry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.vfscope.trace.ChunkedList;
import org.vfscope.trace.DentryInfo;
import org.vfscope.visualizer.DcacheNames;

/**
 * Keeps the dentry outline from frame to frame: the dentries of the list's chunks that are new
 * since the last frame are compared with those of the chunks that went, and only the ones that
 * came, went, or changed parent or name move in the tree (copying the path above them). A frame
 * thus costs the changed chunks, not the 100k dentries. What the patch does not handle (a
 * dentry that goes with children, one whose parent shows up, siblings of one name, many
 * changes) is laid out from scratch. Feed thread.
 */
final class IncrementalOutline {
    /** The tree parent of a top, and the id of the node above the tops. */
    static final long TOP = Long.MIN_VALUE;
    /** Past this many changed dentries, a layout from scratch is as quick. */
    private static final int MAX_CHANGES = 16_384;

    private final Outline outline = new Outline();
    private final boolean patch;
    private OutlineTree.Node top;
    private Map<Long, Long> parents = new HashMap<>();
    private Map<Long, String> names = new HashMap<>();
    private boolean ties;
    private List<DentryInfo> last;
    /** Frames whose outline was patched, and laid out from scratch: for tests that the patch is taken. */
    private int patchedFrames;
    private int laidOutFrames;

    IncrementalOutline(boolean patch) {
        this.patch = patch;
    }

    /** The rows of the outline of {@code dentries}, made as they are read. */
    List<DentryRow> rows(List<DentryInfo> dentries, DcacheNames dcacheNames) {
        if (patch && top != null && !ties && patched(dentries, dcacheNames)) {
            patchedFrames++;
        } else {
            laidOutFrames++;
            parents = new HashMap<>(dentries.size() * 2);
            names = new HashMap<>(dentries.size() * 2);
            boolean[] tie = new boolean[1];
            top = outline.tree(dentries, dcacheNames, parents, names, tie);
            ties = tie[0];
        }
        last = dentries;
        if (dcacheNames.indexes(dentries)) {
            return new OutlineTree.Rows(top, dcacheNames::dentry);
        }
        Map<Long, DentryInfo> byId = new HashMap<>();
        for (DentryInfo d : dentries) {
            byId.putIfAbsent(d.id(), d);
        }
        return new OutlineTree.Rows(top, byId::get);
    }

    int patchedFrames() {
        return patchedFrames;
    }

    int laidOutFrames() {
        return laidOutFrames;
    }

    private boolean patched(List<DentryInfo> dentries, DcacheNames dcacheNames) {
        try {
            return patchTo(dentries, dcacheNames);
        } catch (IllegalStateException notWhereExpected) {
            return false; // e.g. a child of a dentry that moved this frame: laid out from scratch
        }
    }

    /** Moves what changed since {@link #last}; false (the tree then half moved) when a layout from scratch is needed. */
    private boolean patchTo(List<DentryInfo> dentries, DcacheNames dcacheNames) {
        ChunkedList<DentryInfo> before = ChunkedList.of(last);
        ChunkedList<DentryInfo> now = ChunkedList.of(dentries);
        if (before == null || now == null || !dcacheNames.indexes(dentries)) {
            return false;
        }
        Map<Object, Boolean> nowChunks = new IdentityHashMap<>();
        for (int c = 0; c < now.chunkCount(); c++) {
            nowChunks.put(now.chunk(c), Boolean.TRUE);
        }
        Map<Object, Boolean> beforeChunks = new IdentityHashMap<>();
        Map<Long, DentryInfo> went = new HashMap<>();
        for (int c = 0; c < before.chunkCount(); c++) {
            beforeChunks.put(before.chunk(c), Boolean.TRUE);
            if (!nowChunks.containsKey(before.chunk(c))) {
                for (int o = 0; o < before.chunkSize(c); o++) {
                    DentryInfo d = before.element(c, o);
                    went.put(d.id(), d);
                }
            }
        }
        Map<Long, DentryInfo> came = new HashMap<>();
        for (int c = 0; c < now.chunkCount(); c++) {
            if (!beforeChunks.containsKey(now.chunk(c))) {
                for (int o = 0; o < now.chunkSize(c); o++) {
                    DentryInfo d = now.element(c, o);
                    came.put(d.id(), d);
                }
            }
            if (went.size() + came.size() > MAX_CHANGES) {
                return false;
            }
        }
        Map<Long, OutlineTree.Node> moving = new HashMap<>();
        for (DentryInfo o : went.values()) {
            DentryInfo n = came.get(o.id());
            if (n != null && n.parentId() == o.parentId() && n.name().equals(o.name())) {
                continue; // its place holds (only the order of tops, by list position, may change)
            }
            OutlineTree.Node node = remove(o.id());
            if (node == null || (n == null && node.kids().length > 0)) {
                return false; // children left without their parent become tops
            }
            if (n != null) {
                moving.put(o.id(), node);
            }
        }
        List<DentryInfo> pending = new ArrayList<>();
        for (DentryInfo n : came.values()) {
            DentryInfo o = went.get(n.id());
            if (o == null || moving.containsKey(n.id())) {
                pending.add(n);
            }
        }
        while (!pending.isEmpty()) { // parents before their children
            List<DentryInfo> later = new ArrayList<>();
            for (DentryInfo n : pending) {
                boolean topLevel = n.isRoot() || dcacheNames.indexOf(n.parentId()) < 0;
                if (!topLevel && !parents.containsKey(n.parentId())) {
                    later.add(n);
                    continue;
                }
                for (OutlineTree.Node t : top.kids()) {
                    DentryInfo td = dcacheNames.dentry(t.id());
                    if (td == null || (!td.isRoot() && td.parentId() == n.id())) {
                        return false; // a top that is this dentry's child: the tops are laid out again
                    }
                }
                OutlineTree.Node moved = moving.get(n.id());
                OutlineTree.Node node = moved == null ? OutlineTree.Node.of(n.id(), n.name(), new OutlineTree.Node[0], true)
                        : OutlineTree.Node.of(n.id(), n.name(), moved.kids(), true);
                if (!insert(node, topLevel ? TOP : n.parentId())) {
                    return false;
                }
            }
            if (later.size() == pending.size()) {
                return false;
            }
            pending = later;
        }
        return orderTops(dcacheNames);
    }

    /** Takes a node (and its subtree) out of the tree; null when it is not there. */
    private OutlineTree.Node remove(long id) {
        Long parent = parents.get(id);
        if (parent == null) {
            return null;
        }
        OutlineTree.Node[] found = new OutlineTree.Node[1];
        top = update(path(parent), p -> {
            int k = kidIndex(p, id);
            found[0] = p.kids()[k];
            OutlineTree.Node[] kids = new OutlineTree.Node[p.kids().length - 1];
            System.arraycopy(p.kids(), 0, kids, 0, k);
            System.arraycopy(p.kids(), k + 1, kids, k, kids.length - k);
            return p.withKids(kids, p.id() != TOP);
        });
        parents.remove(id);
        names.remove(id);
        return found[0];
    }

    /** Puts a node under {@code parent} at its place by name (tops go last, {@link #orderTops} places them); false on a tie. */
    private boolean insert(OutlineTree.Node node, long parent) {
        boolean[] tie = new boolean[1];
        top = update(path(parent), p -> {
            OutlineTree.Node[] kids = p.kids();
            int at = kids.length;
            if (p.id() != TOP) {
                int lo = 0;
                int hi = kids.length - 1;
                while (lo <= hi) {
                    int mid = (lo + hi) >>> 1;
                    int c = kids[mid].name().compareTo(node.name());
                    if (c < 0) {
                        lo = mid + 1;
                    } else if (c > 0) {
                        hi = mid - 1;
                    } else {
                        tie[0] = true;
                        return p;
                    }
                }
                at = lo;
            }
            OutlineTree.Node[] out = new OutlineTree.Node[kids.length + 1];
            System.arraycopy(kids, 0, out, 0, at);
            out[at] = node;
            System.arraycopy(kids, at, out, at + 1, kids.length - at);
            return p.withKids(out, p.id() != TOP);
        });
        if (tie[0]) {
            return false;
        }
        parents.put(node.id(), parent);
        names.put(node.id(), node.name());
        return true;
    }

    /** Puts the tops in list order, as a layout from scratch has them. */
    private boolean orderTops(DcacheNames dcacheNames) {
        OutlineTree.Node[] tops = top.kids().clone();
        int[] at = new int[tops.length];
        Integer[] order = new Integer[tops.length];
        for (int i = 0; i < tops.length; i++) {
            at[i] = dcacheNames.indexOf(tops[i].id());
            if (at[i] < 0) {
                return false;
            }
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(at[a], at[b]));
        OutlineTree.Node[] sorted = new OutlineTree.Node[tops.length];
        boolean same = true;
        for (int i = 0; i < tops.length; i++) {
            sorted[i] = tops[order[i]];
            same &= order[i] == i;
        }
        if (!same) {
            top = top.withKids(sorted, false);
        }
        return true;
    }

    /** The ids from the first below the tops' node down to {@code id}; empty for the tops' node. */
    private long[] path(long id) {
        List<Long> up = new ArrayList<>();
        for (long at = id; at != TOP; ) {
            up.add(at);
            Long parent = parents.get(at);
            if (parent == null) {
                throw new IllegalStateException("dentry " + at + " is not in the outline");
            }
            at = parent;
        }
        long[] down = new long[up.size()];
        for (int i = 0; i < down.length; i++) {
            down[i] = up.get(up.size() - 1 - i);
        }
        return down;
    }

    /** The tree with {@code change} made to the node at the end of {@code path}, the path above it copied. */
    private OutlineTree.Node update(long[] path, UnaryOperator<OutlineTree.Node> change) {
        OutlineTree.Node[] nodes = new OutlineTree.Node[path.length + 1];
        int[] ks = new int[path.length];
        nodes[0] = top;
        for (int i = 0; i < path.length; i++) {
            ks[i] = kidIndex(nodes[i], path[i]);
            nodes[i + 1] = nodes[i].kids()[ks[i]];
        }
        OutlineTree.Node n = change.apply(nodes[path.length]);
        for (int i = path.length - 1; i >= 0; i--) {
            OutlineTree.Node[] kids = nodes[i].kids().clone();
            kids[ks[i]] = n;
            n = nodes[i].withKids(kids, i > 0);
        }
        return n;
    }

    /** Where kid {@code id} is among {@code p}'s kids: by name (no two share one), or a scan of the tops. */
    private int kidIndex(OutlineTree.Node p, long id) {
        OutlineTree.Node[] kids = p.kids();
        if (p.id() != TOP) {
            String name = names.get(id);
            int lo = 0;
            int hi = kids.length - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                int c = kids[mid].name().compareTo(name);
                if (c < 0) {
                    lo = mid + 1;
                } else if (c > 0) {
                    hi = mid - 1;
                } else {
                    return mid;
                }
            }
        }
        for (int i = 0; i < kids.length; i++) {
            if (kids[i].id() == id) {
                return i;
            }
        }
        throw new IllegalStateException("dentry " + id + " is not where the outline has it");
    }
}
