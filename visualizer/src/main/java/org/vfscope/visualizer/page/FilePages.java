package org.vfscope.visualizer.page;

import java.util.List;
import org.vfscope.trace.PageInfo;
import org.vfscope.visualizer.InodeKey;

/**
 * One file's cached pages, by index, and how many pages long the file is (its size rounded up),
 * as the per-file page map draws them; {@code name} is its path or "inode N".
 */
public record FilePages(InodeKey file, String name, int color, List<PageInfo> pagesByIndex, long sizePages) {

    public FilePages {
        pagesByIndex = pagesByIndex instanceof PageRefs.Listed ? pagesByIndex : List.copyOf(pagesByIndex); // ours are immutable
    }

    /** Cells the map needs: the file's length in pages, or past it to the last cached page. */
    public long mapLength() {
        long last = pagesByIndex.isEmpty() ? -1 : pagesByIndex.get(pagesByIndex.size() - 1).index();
        return Math.max(sizePages, last + 1);
    }
}
