package org.vfscope.trace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.vfscope.mm.Folio;
import org.vfscope.mm.PageCache;
import org.vfscope.vfs.Inode;
import org.vfscope.vfs.Kernel;

/** Takes a {@link PageCacheSnapshot} from the page cache's active and inactive lists. */
public final class PageCacheSnapshots {
    private PageCacheSnapshots() {
    }

    /**
     * Each list is copied under the lru lock on its own, inactive first: a page activated
     * between the two copies shows once, on the active list; one demoted meanwhile is missed.
     */
    public static PageCacheSnapshot take(Kernel kernel) {
        PageCache pc = kernel.pageCache();
        List<Folio> inactive = pc.inactiveList();
        List<Folio> active = pc.activeList();
        Set<Folio> onActive = Collections.newSetFromMap(new IdentityHashMap<>(active.size() * 2));
        onActive.addAll(active);

        List<PageInfo> pages = new ArrayList<>(active.size() + inactive.size());
        for (int i = 0; i < active.size(); i++) {
            pages.add(info(active.get(i), PageLru.ACTIVE, i));
        }
        for (int i = 0; i < inactive.size(); i++) {
            Folio f = inactive.get(i);
            if (!onActive.contains(f)) {
                pages.add(info(f, PageLru.INACTIVE, i));
            }
        }
        return new PageCacheSnapshot(pages, active.size(), inactive.size(), pc.nrPages(), pc.nrDirty(),
                pc.nrWriteback());
    }

    private static PageInfo info(Folio f, PageLru lru, int position) {
        Inode host = f.mapping().host();
        return new PageInfo(host.sb().dev(), host.ino(), f.index(), f.flags(), lru, position);
    }
}
