package org.vfscope.trace;

import java.util.AbstractList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.RandomAccess;

/**
 * An immutable list over {@link SortedChunks} segments laid end to end: what a snapshot hands out
 * instead of a copied array, so consecutive snapshots share their unchanged chunks. An element is
 * the record stored, or one made on access when it depends on its place (an LRU position counts
 * from the list head, and an insertion at the head would otherwise renew every record).
 *
 * @param <E> the record type
 */
final class SnapshotList<E> extends AbstractList<E> implements RandomAccess {

    /** Makes the element at {@code index} of a segment from what the segment stores there. */
    @FunctionalInterface
    interface Element<E> {
        E at(Object stored, int index);
    }

    /** One run of the list. */
    record Segment<E>(SortedChunks chunks, Element<E> element) {
    }

    private final List<Segment<E>> segments;
    private final int[] starts;

    SnapshotList(List<Segment<E>> segments) {
        this.segments = List.copyOf(segments);
        starts = new int[this.segments.size() + 1];
        for (int s = 0; s < this.segments.size(); s++) {
            starts[s + 1] = starts[s] + this.segments.get(s).chunks().size();
        }
    }

    /** The list itself when it is one of ours (immutable already), else an immutable copy. */
    static <E> List<E> immutable(List<E> list) {
        return list instanceof SnapshotList<E> ? list : List.copyOf(list);
    }

    @Override
    public E get(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException(index);
        }
        int s = 0;
        while (starts[s + 1] <= index) {
            s++;
        }
        Segment<E> seg = segments.get(s);
        int i = index - starts[s];
        return seg.element().at(seg.chunks().get(i), i);
    }

    @Override
    public int size() {
        return starts[segments.size()];
    }

    @Override
    public Iterator<E> iterator() {
        return new Iterator<>() {
            private int index;

            @Override
            public boolean hasNext() {
                return index < size();
            }

            @Override
            public E next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return get(index++);
            }
        };
    }
}
