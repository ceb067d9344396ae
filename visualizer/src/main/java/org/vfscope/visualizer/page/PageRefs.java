package org.vfscope.visualizer.page;

import java.util.AbstractList;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import org.vfscope.trace.ChunkedList;
import org.vfscope.trace.PageInfo;

/**
 * Pages named by their place in one snapshot's page list, (chunk, offset), and read from it only
 * when asked for: a file's pages by index, or a stretch of the list, cost nothing to hand on
 * from frame to frame while only their places are kept. Immutable.
 */
final class PageRefs {
    private PageRefs() {
    }

    /**
     * A page list seen as chunks: a snapshot's own, or for a list made by hand, its parts (each
     * list's pages) as chunks of their own.
     */
    record Source(List<PageInfo> list, ChunkedList<PageInfo> chunked, List<List<PageInfo>> parts, int[] partStarts,
                  Map<Object, Integer> chunkAt) {

        int count() {
            return chunked != null ? chunked.chunkCount() : parts.size();
        }

        Object chunk(int c) {
            return chunked != null ? chunked.chunk(c) : parts.get(c);
        }

        int start(int c) {
            return chunked != null ? chunked.chunkStart(c) : partStarts[c];
        }

        int size(int c) {
            return chunked != null ? chunked.chunkSize(c) : parts.get(c).size();
        }

        PageInfo element(int c, int offset) {
            return chunked != null ? chunked.element(c, offset) : parts.get(c).get(offset);
        }

        PageInfo at(Object chunk, int offset) {
            return element(chunkAt.get(chunk), offset);
        }
    }

    /** Pages at (chunks[i], offsets[i]) of {@code source}. */
    static final class Listed extends AbstractList<PageInfo> implements RandomAccess {
        private final Source source;
        private final Object[] chunks;
        private final int[] offsets;
        private final int size;

        Listed(Source source, Object[] chunks, int[] offsets, int size) {
            this.source = source;
            this.chunks = chunks;
            this.offsets = offsets;
            this.size = size;
        }

        @Override
        public PageInfo get(int i) {
            if (i < 0 || i >= size) {
                throw new IndexOutOfBoundsException(i);
            }
            return source.at(chunks[i], offsets[i]);
        }

        @Override
        public int size() {
            return size;
        }
    }

    /** The pages from {@code from} to {@code to} of the source's list. */
    static final class Stretch extends AbstractList<PageInfo> implements RandomAccess {
        private final Source source;
        private final int from;
        private final int size;

        Stretch(Source source, int from, int to) {
            this.source = source;
            this.from = from;
            this.size = to - from;
        }

        @Override
        public PageInfo get(int i) {
            if (i < 0 || i >= size) {
                throw new IndexOutOfBoundsException(i);
            }
            int at = from + i;
            int lo = 0;
            int hi = source.count() - 1;
            while (lo < hi) { // the last chunk starting at or before at
                int mid = (lo + hi + 1) >>> 1;
                if (source.start(mid) <= at) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            return source.element(lo, at - source.start(lo));
        }

        @Override
        public int size() {
            return size;
        }
    }
}
