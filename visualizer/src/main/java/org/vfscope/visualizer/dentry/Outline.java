package org.vfscope.visualizer.dentry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vfscope.trace.DentryInfo;
import org.vfscope.visualizer.DcacheNames;
import org.vfscope.visualizer.LongIndex;

/**
 * Lays a dcache snapshot out as an outline: depth-first from each root, children by name; a
 * dentry whose parent is not in the snapshot (disconnected, or its parent raced away) starts a
 * tree of its own. Children are linked through int arrays, and each directory's order by name
 * is remembered for the next frame: a directory whose children did not change is not sorted
 * again (sorting 100k names by string comparison was most of a frame). Feed thread.
 */
final class Outline {
    /** A directory's children by name, as last sorted. */
    private record Order(long[] ids, String[] names) {
    }

    /** Per parent id, from the previous frame only: it holds no more than the snapshot. */
    private Map<Long, Order> lastOrder = new HashMap<>();

    /** The outline's structure: each position's parent, children (ordered by name) and the tops. */
    private record Shape(int n, int[] parent, int[] start, int[] kids, int[] top) {
    }

    private Shape shape(List<DentryInfo> dentries, DcacheNames names) {
        int n = dentries.size();
        LongIndex index = names.indexes(dentries) ? null : localIndex(dentries);
        int[] parent = new int[n];
        int[] start = new int[n + 1];
        int tops = 0;
        for (int i = 0; i < n; i++) {
            DentryInfo d = dentries.get(i);
            int p = d.isRoot() ? -1 : index == null ? names.indexOf(d.parentId()) : index.get(d.parentId());
            parent[i] = p;
            if (p < 0) {
                tops++;
            } else {
                start[p + 1]++;
            }
        }
        for (int i = 0; i < n; i++) {
            start[i + 1] += start[i];
        }
        int[] kids = new int[start[n]];
        int[] fill = Arrays.copyOf(start, n);
        int[] top = new int[tops];
        int t = 0;
        for (int i = 0; i < n; i++) {
            if (parent[i] < 0) {
                top[t++] = i;
            } else {
                kids[fill[parent[i]]++] = i;
            }
        }
        Map<Long, Order> order = new HashMap<>();
        for (int p = 0; p < n; p++) {
            if (start[p + 1] - start[p] > 1) {
                orderByName(dentries, parent, index, names, kids, start[p], start[p + 1], p, order);
            }
        }
        lastOrder = order;
        return new Shape(n, parent, start, kids, top);
    }

    /** The rows, made here and now: depth-first from each top. */
    List<DentryRow> rows(List<DentryInfo> dentries, DcacheNames names) {
        Shape s = shape(dentries, names);
        List<DentryRow> rows = new ArrayList<>(s.n());
        int[] stack = new int[s.n()];
        int[] depth = new int[s.n()];
        int sp = 0;
        for (int i = s.top().length - 1; i >= 0; i--) {
            stack[sp] = s.top()[i];
            depth[sp++] = 0;
        }
        while (sp > 0) {
            int i = stack[--sp];
            int d = depth[sp];
            rows.add(new DentryRow(dentries.get(i), d));
            for (int j = s.start()[i + 1] - 1; j >= s.start()[i]; j--) {
                stack[sp] = s.kids()[j];
                depth[sp++] = d + 1;
            }
        }
        return rows;
    }

    /**
     * The outline as a tree of ids; {@code names} gets each dentry's id, name and tree parent
     * (or {@link IncrementalOutline#TOP}), and {@code ties} whether two siblings share a name.
     */
    OutlineTree.Node tree(List<DentryInfo> dentries, DcacheNames names, Map<Long, Long> parents,
                          Map<Long, String> nameById, boolean[] ties) {
        Shape s = shape(dentries, names);
        int n = s.n();
        int[] order = new int[n]; // parents before children
        int[] stack = new int[n];
        int sp = 0;
        int at = 0;
        for (int i = s.top().length - 1; i >= 0; i--) {
            stack[sp++] = s.top()[i];
        }
        while (sp > 0) {
            int i = stack[--sp];
            order[at++] = i;
            for (int j = s.start()[i + 1] - 1; j >= s.start()[i]; j--) {
                stack[sp++] = s.kids()[j];
            }
        }
        OutlineTree.Node[] nodes = new OutlineTree.Node[n];
        boolean tie = false;
        for (int k = at - 1; k >= 0; k--) {
            int i = order[k];
            DentryInfo d = dentries.get(i);
            OutlineTree.Node[] kids = new OutlineTree.Node[s.start()[i + 1] - s.start()[i]];
            for (int j = 0; j < kids.length; j++) {
                kids[j] = nodes[s.kids()[s.start()[i] + j]];
                tie |= j > 0 && kids[j].name().equals(kids[j - 1].name());
            }
            nodes[i] = OutlineTree.Node.of(d.id(), d.name(), kids, true);
            parents.put(d.id(), s.parent()[i] < 0 ? IncrementalOutline.TOP : dentries.get(s.parent()[i]).id());
            nameById.put(d.id(), d.name());
        }
        OutlineTree.Node[] tops = new OutlineTree.Node[s.top().length];
        for (int t = 0; t < tops.length; t++) {
            tops[t] = nodes[s.top()[t]];
        }
        ties[0] = tie;
        return OutlineTree.Node.of(IncrementalOutline.TOP, "", tops, false);
    }

    /** Orders {@code kids[from, to)}, the children of position {@code p}, by name (stable). */
    private void orderByName(List<DentryInfo> dentries, int[] parent, LongIndex index, DcacheNames names, int[] kids,
                             int from, int to, int p, Map<Long, Order> order) {
        long parentId = dentries.get(p).id();
        Order last = lastOrder.get(parentId);
        if (last != null && last.ids().length == to - from
                && reuse(last, dentries, parent, index, names, kids, from, p)) {
            order.put(parentId, last);
            return;
        }
        Integer[] sorted = new Integer[to - from];
        for (int j = from; j < to; j++) {
            sorted[j - from] = kids[j];
        }
        Arrays.sort(sorted, (a, b) -> dentries.get(a).name().compareTo(dentries.get(b).name()));
        long[] ids = new long[sorted.length];
        String[] sortedNames = new String[sorted.length];
        for (int j = 0; j < sorted.length; j++) {
            kids[from + j] = sorted[j];
            ids[j] = dentries.get(sorted[j]).id();
            sortedNames[j] = dentries.get(sorted[j]).name();
        }
        order.put(parentId, new Order(ids, sortedNames));
    }

    /**
     * Writes the last order into {@code kids} if it still holds: as many children, each of the
     * last ones still a child of {@code p} under the same name (ids are unique, so the sets agree).
     */
    private static boolean reuse(Order last, List<DentryInfo> dentries, int[] parent, LongIndex index,
                                 DcacheNames names, int[] kids, int from, int p) {
        long[] ids = last.ids();
        int[] positions = new int[ids.length];
        for (int j = 0; j < ids.length; j++) {
            int at = index == null ? names.indexOf(ids[j]) : index.get(ids[j]);
            if (at < 0 || parent[at] != p) {
                return false;
            }
            String name = dentries.get(at).name();
            if (name != last.names()[j] && !name.equals(last.names()[j])) {
                return false;
            }
            positions[j] = at;
        }
        System.arraycopy(positions, 0, kids, from, positions.length);
        return true;
    }

    private static LongIndex localIndex(List<DentryInfo> dentries) {
        LongIndex index = new LongIndex(dentries.size());
        for (int i = 0; i < dentries.size(); i++) {
            index.putIfAbsent(dentries.get(i).id(), i);
        }
        return index;
    }
}
