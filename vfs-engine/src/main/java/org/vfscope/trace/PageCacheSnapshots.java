package org.vfscope.trace;

import java.util.ArrayList;
import java.util.List;
import org.vfscope.mm.Folio;
import org.vfscope.mm.FolioFlag;
import org.vfscope.mm.PageCache;
import org.vfscope.vfs.Inode;
import org.vfscope.vfs.Kernel;

/** Takes a {@link PageCacheSnapshot} from the page cache's active and inactive lists. */
public final class PageCacheSnapshots {
    private PageCacheSnapshots() {
    }

    /** Both lists are copied under one hold of the lru lock: each page shows once, where it was. */
    public static PageCacheSnapshot take(Kernel kernel) {
        PageCache pc = kernel.pageCache();
        PageCache.LruLists lists = pc.lruLists();
        List<Folio> inactive = lists.inactive();
        List<Folio> active = lists.active();

        List<PageInfo> pages = new ArrayList<>(active.size() + inactive.size());
        for (int i = 0; i < active.size(); i++) {
            pages.add(info(active.get(i), PageLru.ACTIVE, i));
        }
        for (int i = 0; i < inactive.size(); i++) {
            pages.add(info(inactive.get(i), PageLru.INACTIVE, i));
        }
        return new PageCacheSnapshot(pages, active.size(), inactive.size(), pc.nrPages(), pc.nrDirty(),
                pc.nrWriteback());
    }

    private static PageInfo info(Folio f, PageLru lru, int position) {
        Inode host = f.mapping().host();
        return new PageInfo(host.sb().dev(), host.ino(), f.index(), Flags.ofBits(FolioFlag.class, f.flagBits()), lru,
                position);
    }
}
