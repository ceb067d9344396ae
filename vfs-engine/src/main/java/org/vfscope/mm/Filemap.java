package org.vfscope.mm;

import java.nio.ByteBuffer;
import java.util.List;
import org.vfscope.vfs.OpenFile;

/** The read half of mm/filemap.c, shared by regular files and block device reads. */
public final class Filemap {
    private Filemap() {
    }

    /**
     * filemap_read: gathers the cached folios of the request in batches, starting readahead on
     * a miss (sync) or on reaching a READAHEAD marker (async), and copies out. Only the first
     * folio of each batch is marked accessed, and not when it is the folio the previous read
     * ended in, so one large read does not promote the pages it streams through. Reads stop at
     * the host's size. {@code file} may be null (a block device read by the kernel itself).
     * Returns the bytes copied; {@code ra.prevPos} is left where the read ended.
     */
    public static int read(AddressSpace mapping, FileRaState ra, OpenFile file, long startPos, ByteBuffer dst) {
        PageCache pc = mapping.pageCache();
        int total = 0;
        long pos = startPos;
        long lastPos = ra.prevPos();
        while (dst.hasRemaining()) {
            long size = mapping.host().size();
            if (pos >= size) {
                break;
            }
            long index = pos >> Folio.PAGE_SHIFT;
            long lastIndex = (Math.min(size, pos + dst.remaining()) - 1) >> Folio.PAGE_SHIFT;
            List<Folio> batch = mapping.readBatch(index, lastIndex);
            if (batch.isEmpty()) {
                Readahead.syncRa(mapping, file, ra, index, lastIndex - index + 1);
                batch = mapping.readBatch(index, lastIndex);
                if (batch.isEmpty()) {
                    batch = List.of(mapping.readCached(file, index));
                }
            }
            Folio tail = batch.get(batch.size() - 1);
            if (tail.test(FolioFlag.READAHEAD)) {
                Readahead.asyncRa(mapping, file, ra, tail, lastIndex - tail.index() + 1);
            }
            if (((lastPos - 1) >> Folio.PAGE_SHIFT) != batch.get(0).index()) {
                pc.markAccessed(batch.get(0));
            }
            for (Folio folio : batch) {
                if (!folio.isUptodate()) {
                    folio = mapping.readCached(file, folio.index());
                }
                size = mapping.host().size();
                if (pos >= size || !dst.hasRemaining()) {
                    break;
                }
                int offset = (int) (pos & (Folio.PAGE_SIZE - 1));
                int n = (int) Math.min(Math.min(dst.remaining(), Folio.PAGE_SIZE - offset), size - pos);
                dst.put(folio.data(), offset, n);
                pos += n;
                total += n;
                lastPos = pos;
            }
        }
        ra.setPrevPos(lastPos);
        return total;
    }
}
