package org.vfscope.trace;

import java.util.ArrayList;
import java.util.List;
import org.vfscope.mm.AddressSpace;
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
        Owner owner = new Owner();
        for (int i = 0; i < active.size(); i++) {
            pages.add(info(active.get(i), PageLru.ACTIVE, i, owner));
        }
        for (int i = 0; i < inactive.size(); i++) {
            pages.add(info(inactive.get(i), PageLru.INACTIVE, i, owner));
        }
        return new PageCacheSnapshot(pages, active.size(), inactive.size(), pc.nrPages(), pc.nrDirty(),
                pc.nrWriteback());
    }

    private static PageInfo info(Folio f, PageLru lru, int position, Owner owner) {
        AddressSpace mapping = f.mapping();
        if (mapping != owner.mapping) { // neighbours on a list often belong to one file
            Inode host = mapping.host();
            owner.mapping = mapping;
            owner.dev = host.sb().dev();
            owner.ino = host.ino();
        }
        int bits = f.flagBits();
        if (owner.flags == null || bits != owner.flagBits) {
            owner.flagBits = bits;
            owner.flags = Flags.ofBits(FolioFlag.class, bits);
        }
        return new PageInfo(owner.dev, owner.ino, f.index(), owner.flags, lru, position);
    }

    /** The owner and flags of the previous page: a run of one file's pages reads its host once. */
    private static final class Owner {
        AddressSpace mapping;
        long dev;
        long ino;
        int flagBits;
        java.util.Set<FolioFlag> flags;
    }
}
