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
final class SnapshotList<E> extends AbstractList<E> implements ChunkedList<E>, RandomAccess {

    /** Makes the element at {@code index} of a segment from what the segment stores there. */
    @FunctionalInterface
    interface Element<E> {
        E at(Object stored, int index);
    }

    /** One run of the list; {@code context} is what else its elements depend on (compared by identity). */
    record Segment<E>(SortedChunks chunks, Element<E> element, Object context) {
        Segment(SortedChunks chunks, Element<E> element) {
            this(chunks, element, null);
        }
    }

    private final List<Segment<E>> segments;
    private final int[] starts;
    /** Per chunk of the whole list: its segment, its index in the segment's chunks, its first element's index. */
    private final int[] chunkSegment;
    private final int[] chunkInSegment;
    private final int[] chunkStarts;

    SnapshotList(List<Segment<E>> segments) {
        this.segments = List.copyOf(segments);
        starts = new int[this.segments.size() + 1];
        int chunks = 0;
        for (int s = 0; s < this.segments.size(); s++) {
            starts[s + 1] = starts[s] + this.segments.get(s).chunks().size();
            chunks += this.segments.get(s).chunks().chunks();
        }
        chunkSegment = new int[chunks];
        chunkInSegment = new int[chunks];
        chunkStarts = new int[chunks];
        int c = 0;
        for (int s = 0; s < this.segments.size(); s++) {
            SortedChunks sc = this.segments.get(s).chunks();
            for (int i = 0; i < sc.chunks(); i++, c++) {
                chunkSegment[c] = s;
                chunkInSegment[c] = i;
                chunkStarts[c] = starts[s] + sc.start(i);
            }
        }
    }

    @Override
    public int chunkCount() {
        return chunkStarts.length;
    }

    @Override
    public Object chunk(int c) {
        return segments.get(chunkSegment[c]).chunks().valueChunks()[chunkInSegment[c]];
    }

    @Override
    public int chunkStart(int c) {
        return chunkStarts[c];
    }

    @Override
    public int chunkSize(int c) {
        return segments.get(chunkSegment[c]).chunks().valueChunks()[chunkInSegment[c]].length;
    }

    @Override
    public E element(int c, int offset) {
        Object[] all = elements;
        if (all != null) {
            return elementAt(all, chunkStarts[c] + offset);
        }
        Segment<E> seg = segments.get(chunkSegment[c]);
        Object stored = seg.chunks().valueChunks()[chunkInSegment[c]][offset];
        return seg.element().at(stored, chunkStarts[c] + offset - starts[chunkSegment[c]]);
    }

    /**
     * {@code last} when its segments hold the very same chunks and contexts (nothing changed: a
     * reader may keep what it derived from it), else a new list of {@code segments}.
     */
    static <E> SnapshotList<E> reusing(SnapshotList<E> last, List<Segment<E>> segments) {
        if (last != null && last.segments.size() == segments.size()) {
            boolean same = true;
            for (int s = 0; s < segments.size() && same; s++) {
                Segment<E> a = last.segments.get(s);
                Segment<E> b = segments.get(s);
                same = a.chunks() == b.chunks() && a.context() == b.context();
            }
            if (same) {
                return last;
            }
        }
        return new SnapshotList<>(segments);
    }

    /** The list itself when it is one of ours (immutable already), else an immutable copy. */
    static <E> List<E> immutable(List<E> list) {
        return list instanceof SnapshotList<E> ? list : List.copyOf(list);
    }

    /** The elements in order, made on first use: readers walk a list many times, and each walk is then an array read. */
    private volatile Object[] elements;

    /** Reads by index since the list was made; past a few per element, the elements are made all at once. */
    private int reads;

    @Override
    public E get(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException(index);
        }
        Object[] all = elements;
        if (all == null && reads++ < size() / 8 + 64) { // a few lookups (a binary search, a hover) need not make 100k records
            int c = java.util.Arrays.binarySearch(chunkStarts, index);
            if (c < 0) {
                c = -c - 2;
            }
            return element(c, index - chunkStarts[c]);
        }
        return elementAt(all != null ? all : materialized(), index);
    }

    @SuppressWarnings("unchecked")
    private E elementAt(Object[] all, int index) {
        return (E) all[index];
    }

    private Object[] materialized() {
        Object[] all = elements;
        if (all == null) {
            all = new Object[size()];
            int at = 0;
            for (Segment<E> seg : segments) {
                int i = 0;
                for (Object[] chunk : seg.chunks().valueChunks()) {
                    for (Object stored : chunk) {
                        all[at++] = seg.element().at(stored, i++);
                    }
                }
            }
            elements = all; // racing threads make equal arrays: either will do
        }
        return all;
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

            private final Object[] all = materialized();

            @Override
            public E next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return elementAt(all, index++);
            }
        };
    }
}
