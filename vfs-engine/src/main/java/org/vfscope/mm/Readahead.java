package org.vfscope.mm;

import org.vfscope.vfs.OpenFile;

/**
 * mm/readahead.c: on a sequential miss the first window is the request rounded up to a power of
 * two, x4 if small, x2 if medium; hitting the READAHEAD marker issues the next window, x4 below
 * max/16, x2 up to max/2, else max. A random-access hint, or a miss with no sequential history,
 * reads only the request.
 */
public final class Readahead {
    private Readahead() {
    }

    /** get_init_ra_size. */
    static int initSize(long reqCount, int max) {
        long size = Long.highestOneBit(Math.max(1, reqCount));
        if (size < reqCount) {
            size <<= 1;
        }
        if (size <= max / 32) {
            size *= 4;
        } else if (size <= max / 4) {
            size *= 2;
        } else {
            size = max;
        }
        return (int) size;
    }

    /** get_next_ra_size. */
    static int nextSize(int cur, int max) {
        if (cur < max / 16) {
            return 4 * cur;
        }
        if (cur <= max / 2) {
            return 2 * cur;
        }
        return max;
    }

    /** page_cache_sync_ra: a read missed the cache at {@code index} wanting {@code reqCount} pages. */
    public static void syncRa(AddressSpace mapping, OpenFile file, FileRaState ra, long index, long reqCount) {
        PageCache pc = mapping.pageCache();
        int max = ra.maxPages(mapping.tunables());
        if (ra.random || max == 0) {
            // force_page_cache_ra: exactly the request, no window, no marker.
            mapping.readahead(file, index, (int) Math.min(reqCount, Integer.MAX_VALUE), 0);
            return;
        }
        long prevIndex = ra.prevPos >> Folio.PAGE_SHIFT;
        long fromPrev = index - prevIndex;
        if (index == 0 || reqCount > max || (fromPrev >= 0 && fromPrev <= 1)) {
            ra.start = index;
            ra.size = initSize(reqCount, max);
            ra.asyncSize = ra.size > reqCount ? (int) (ra.size - reqCount) : ra.size;
            issue(mapping, file, ra, pc);
            return;
        }
        // Context readahead: pages cached just before this one are a sequential stream's trace.
        long contig = mapping.cachedRunBefore(index, max);
        if (contig <= reqCount) {
            mapping.readahead(file, index, (int) reqCount, 0);
            return;
        }
        ra.start = index;
        ra.size = (int) Math.min(contig + reqCount, max);
        ra.asyncSize = 1;
        issue(mapping, file, ra, pc);
    }

    /** page_cache_async_ra: a read reached the READAHEAD marker on {@code folio}. */
    public static void asyncRa(AddressSpace mapping, OpenFile file, FileRaState ra, Folio folio, long reqCount) {
        int max = ra.maxPages(mapping.tunables());
        if (max == 0 || folio.test(FolioFlag.WRITEBACK)) {
            return;
        }
        folio.clearFlag(FolioFlag.READAHEAD);
        long index = folio.index();
        long expected = ra.start + ra.size - ra.asyncSize;
        if (index == expected) {
            ra.start += ra.size;
            ra.size = nextSize(ra.size, max);
            ra.asyncSize = ra.size;
        } else {
            // A marker without matching state (interleaved readers): resume after the cached run.
            long start = mapping.nextMiss(index + 1, max);
            if (start < 0 || start - index > max) {
                return;
            }
            ra.start = start;
            ra.size = nextSize((int) (start - index + reqCount), max);
            ra.asyncSize = ra.size;
        }
        issue(mapping, file, ra, mapping.pageCache());
    }

    private static void issue(AddressSpace mapping, OpenFile file, FileRaState ra, PageCache pc) {
        pc.noteReadaheadWindow(ra.size);
        mapping.readahead(file, ra.start, ra.size, ra.asyncSize);
    }
}
