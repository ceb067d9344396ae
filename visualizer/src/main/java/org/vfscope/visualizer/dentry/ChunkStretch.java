package org.vfscope.visualizer.dentry;

import java.util.AbstractList;
import java.util.RandomAccess;
import org.vfscope.trace.ChunkedList;

/** Elements {@code [from, to)} of a chunked list, each read when asked for (a chunk found by binary search). */
final class ChunkStretch<E> extends AbstractList<E> implements RandomAccess {
    private final ChunkedList<E> list;
    private final int from;
    private final int size;

    ChunkStretch(ChunkedList<E> list, int from, int to) {
        this.list = list;
        this.from = from;
        this.size = to - from;
    }

    @Override
    public E get(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        int at = from + i;
        int lo = 0;
        int hi = list.chunkCount() - 1;
        while (lo < hi) { // the last chunk starting at or before at
            int mid = (lo + hi + 1) >>> 1;
            if (list.chunkStart(mid) <= at) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return list.element(lo, at - list.chunkStart(lo));
    }

    @Override
    public int size() {
        return size;
    }
}
