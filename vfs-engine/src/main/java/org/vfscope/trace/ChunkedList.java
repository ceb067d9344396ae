package org.vfscope.trace;

import java.util.List;

/**
 * How a snapshot's list is stored: runs ("chunks") of at most about a thousand elements, end to
 * end. A chunk no change touched is the very same object in the next snapshot, so a reader that
 * derives something per element can keep what it derived from the chunks it saw before and
 * look only at the new ones: a frame then costs what changed, not what is cached. A chunk's
 * stored entries are fixed; an element may still differ between snapshots by what depends on
 * its place (an LRU position), which {@link #element} gives for this list.
 *
 * @param <E> the record type
 */
public interface ChunkedList<E> extends List<E> {

    int chunkCount();

    /** The identity of chunk {@code c}: compare with {@code ==} only. */
    Object chunk(int c);

    /** The index in this list of chunk {@code c}'s first element. */
    int chunkStart(int c);

    int chunkSize(int c);

    /** The element at {@code offset} in chunk {@code c}, as {@code get(chunkStart(c) + offset)} gives it. */
    E element(int c, int offset);

    /** {@code list} as a chunked list, or null when it is not one (a list built by hand). */
    static <E> ChunkedList<E> of(List<E> list) {
        return list instanceof ChunkedList<E> c ? c : null;
    }
}
