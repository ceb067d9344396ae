package org.vfscope.visualizer.dentry;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/**
 * The dentry outline as an immutable tree of ids: a node's row, then its children's rows (by
 * name), with subtree sizes, so the r-th row is found by descending (depth times a binary search)
 * and a change copies only the path above it. The tops (roots, and dentries whose parent is not
 * in the snapshot) hang under a node that has no row of its own. Safe to read from any thread.
 */
final class OutlineTree {
    /** A dentry and its subtree: {@code ends[i]} counts the rows of kids 0..i; {@code size} counts its own row too. */
    record Node(long id, String name, Node[] kids, int[] ends, int size) {
        static Node of(long id, String name, Node[] kids, boolean hasRow) {
            int[] ends = new int[kids.length];
            int n = 0;
            for (int i = 0; i < kids.length; i++) {
                n += kids[i].size;
                ends[i] = n;
            }
            return new Node(id, name, kids, ends, n + (hasRow ? 1 : 0));
        }

        Node withKids(Node[] kids, boolean hasRow) {
            return of(id, name, kids, hasRow);
        }
    }

    /** The row's dentry id and depth; {@code out[1]} receives the depth. */
    static long rowAt(Node top, int row, int[] depth) {
        Node n = top;
        int r = row;
        int d = 0;
        while (true) {
            int k = Arrays.binarySearch(n.ends, r + 1);
            k = k >= 0 ? k : -k - 1; // the first kid whose end passes r
            while (k > 0 && n.ends[k - 1] > r) {
                k--;
            }
            r -= k > 0 ? n.ends[k - 1] : 0;
            n = n.kids[k];
            if (r == 0) {
                depth[0] = d;
                return n.id;
            }
            r--;
            d++;
        }
    }

    /** The outline's rows, each made when asked for from the frame's dentries by id. */
    static final class Rows extends AbstractList<DentryRow> implements RandomAccess {
        private final Node top;
        private final java.util.function.LongFunction<org.vfscope.trace.DentryInfo> dentries;

        Rows(Node top, java.util.function.LongFunction<org.vfscope.trace.DentryInfo> dentries) {
            this.top = top;
            this.dentries = dentries;
        }

        @Override
        public DentryRow get(int row) {
            if (row < 0 || row >= top.size) {
                throw new IndexOutOfBoundsException(row);
            }
            int[] depth = new int[1];
            long id = rowAt(top, row, depth);
            return new DentryRow(dentries.apply(id), depth[0]);
        }

        @Override
        public int size() {
            return top.size;
        }
    }
}
