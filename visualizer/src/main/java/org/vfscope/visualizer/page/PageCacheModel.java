package org.vfscope.visualizer.page;

import java.util.List;
import java.util.Map;
import org.vfscope.trace.PageCacheSnapshot;
import org.vfscope.trace.PageInfo;
import org.vfscope.visualizer.DcacheNames;
import org.vfscope.visualizer.InodeKey;

/**
 * What the page cache view draws for one snapshot: the active and inactive lists head to tail
 * with each page's file colour, every cached file's pages, and the counters.
 *
 * @param activeColors   colour index (into the file palette) of each active page, in list order
 * @param activeMarks    its {@link PageCellPainter} marks
 * @param files          cached files, most pages first
 * @param workingset     evictions and refaults, or null when the source does not report them
 * @param reclaimedByEvents pages freed by shrink events seen so far (0 without events)
 */
public record PageCacheModel(long seq, PageCacheSnapshot counts, List<PageInfo> active, int[] activeColors,
                             int[] activeMarks, List<PageInfo> inactive, int[] inactiveColors, int[] inactiveMarks, Map<InodeKey, FilePages> files,
                             List<FilePages> filesByPages, DcacheNames names, WorkingsetCounters workingset,
                             long reclaimedByEvents) {

    public static PageCacheModel empty() {
        return new PageCacheModel(-1, PageCacheSnapshot.empty(), List.of(), new int[0], new int[0], List.of(), new int[0], new int[0],
                Map.of(), List.of(), DcacheNames.empty(), null, 0);
    }

    /** The file with the most cached pages, which the page map shows until one is chosen. */
    public InodeKey defaultMapFile() {
        return filesByPages.isEmpty() ? null : filesByPages.get(0).file();
    }
}
