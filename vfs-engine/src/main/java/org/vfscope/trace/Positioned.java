package org.vfscope.trace;

/**
 * The record an entry of a snapshot sequence last handed out with its LRU position: reused by
 * the next snapshot that shares the entry while the position is the same, so an unchanged LRU
 * costs no allocation. Records are immutable; a race only makes an equal record twice.
 *
 * @param <R> the record type
 */
final class Positioned<R> {
    volatile R record;
}
