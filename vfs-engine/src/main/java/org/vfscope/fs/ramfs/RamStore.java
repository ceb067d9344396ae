package org.vfscope.fs.ramfs;

import java.util.HashMap;
import java.util.Map;
import org.vfscope.mm.Folio;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.VfsException;

/**
 * The RAM "disk" under a ramfs superblock: inodes by number and their data pages, with optional
 * limits on pages ({@code size=}) and inodes ({@code nr_inodes=}). Everything above it (dentries,
 * inodes, pages) is a cache that can be evicted and read back, which is what lets ramfs show the
 * caches at work. Linux's ramfs keeps no copy below its page cache and so pins everything.
 */
final class RamStore {
    /**
     * Pages the disk may hold. Without {@code size=} it is half the JVM's heap, as tmpfs takes
     * half of RAM by default: Linux's ramfs grows until memory runs out, which here would end
     * the program instead of failing the write with ENOSPC.
     */
    private long maxPages;
    private long maxInodes;
    private final Map<Long, RamNode> nodes = new HashMap<>();
    private long nextIno = 1;
    private long usedPages;

    RamStore(long maxBytes, long maxInodes) {
        this.maxPages = pagesFor(maxBytes);
        this.maxInodes = maxInodes;
    }

    synchronized RamNode allocate(int mode) {
        if (maxInodes > 0 && nodes.size() >= maxInodes) {
            throw new VfsException(Errno.ENOSPC);
        }
        RamNode n = new RamNode(nextIno++);
        n.mode = mode;
        nodes.put(n.ino, n);
        return n;
    }

    synchronized RamNode node(long ino) {
        RamNode n = nodes.get(ino);
        if (n == null) {
            throw new VfsException(Errno.ESTALE, "inode " + ino, "not in the store");
        }
        return n;
    }

    synchronized void free(long ino) {
        RamNode n = nodes.remove(ino);
        if (n != null) {
            usedPages -= n.pages.size();
        }
    }

    /** Allocates a zeroed page for {@code index} unless present. ENOSPC at the limit. */
    synchronized boolean allocatePage(RamNode n, long index) {
        if (n.pages.containsKey(index)) {
            return false;
        }
        if (usedPages >= maxPages) {
            throw new VfsException(Errno.ENOSPC);
        }
        n.pages.put(index, new byte[Folio.PAGE_SIZE]);
        usedPages++;
        return true;
    }

    /** Whether the pages of [first, last] that {@code n} lacks fit in the free space. */
    synchronized boolean canAllocate(RamNode n, long first, long last) {
        long missing = (last - first + 1) - n.pages.subMap(first, true, last, true).size();
        return missing <= maxPages - usedPages;
    }

    /** Frees the pages wholly beyond {@code size} and zeroes the tail of the last one. */
    synchronized void truncate(RamNode n, long size) {
        long firstWhole = (size + Folio.PAGE_SIZE - 1) / Folio.PAGE_SIZE;
        var tail = n.pages.tailMap(firstWhole, true);
        usedPages -= tail.size();
        tail.clear();
        int off = (int) (size % Folio.PAGE_SIZE);
        byte[] last = off == 0 ? null : n.pages.get(size / Folio.PAGE_SIZE);
        if (last != null) {
            java.util.Arrays.fill(last, off, Folio.PAGE_SIZE, (byte) 0);
        }
    }

    /** Frees pages {@code [first, last]} (hole punching). */
    synchronized void punch(RamNode n, long first, long last) {
        var range = n.pages.subMap(first, true, last, true);
        usedPages -= range.size();
        range.clear();
    }

    synchronized long usedPages() {
        return usedPages;
    }

    /** {@code size=} in pages; 0 (no limit given) means the default share of the heap. */
    private static long pagesFor(long maxBytes) {
        if (maxBytes <= 0) {
            return Runtime.getRuntime().maxMemory() / 2 / Folio.PAGE_SIZE;
        }
        return (maxBytes + Folio.PAGE_SIZE - 1) / Folio.PAGE_SIZE;
    }

    synchronized long maxPages() {
        return maxPages;
    }

    synchronized long inodeCount() {
        return nodes.size();
    }

    synchronized long maxInodes() {
        return maxInodes;
    }

    /** remount: new limits; EINVAL below what is already used, as tmpfs refuses. */
    synchronized void setLimits(Long maxBytes, Long inodes) {
        if (maxBytes != null) {
            long pages = pagesFor(maxBytes);
            if (pages < usedPages) {
                throw new VfsException(Errno.EINVAL, "ramfs", "size below the space in use");
            }
            maxPages = pages;
        }
        if (inodes != null) {
            if (inodes > 0 && inodes < nodes.size()) {
                throw new VfsException(Errno.EINVAL, "ramfs", "nr_inodes below the inodes in use");
            }
            maxInodes = inodes;
        }
    }
}
