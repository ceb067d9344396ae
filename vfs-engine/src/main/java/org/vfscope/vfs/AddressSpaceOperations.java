package org.vfscope.vfs;

import java.util.List;
import org.vfscope.mm.Folio;
import org.vfscope.mm.WritebackControl;

/**
 * {@code struct address_space_operations}: how the page cache moves a file's data to and from
 * its backing store. Called with the folio locked.
 */
public interface AddressSpaceOperations {

    /** {@code ->read_folio()}: fill {@code folio} from the backing store and mark it uptodate. */
    void readFolio(OpenFile file, Folio folio);

    /** {@code ->writepage()}: write the (no longer dirty) folio's contents to the backing store. */
    void writepage(Folio folio, WritebackControl wbc);

    /**
     * {@code ->readahead()}: fill the new, locked folios of one readahead batch (ascending
     * indices) in as few device requests as the layout allows, as mpage_readahead does. On an
     * error nothing counts as read: the page cache retries each folio alone with read_folio, so a
     * bad block costs only its own page.
     */
    default void readahead(OpenFile file, List<Folio> folios) {
        for (Folio f : folios) {
            readFolio(file, f);
        }
    }

    /**
     * {@code ->writepages()}'s bio building for folios at consecutive indices, each locked,
     * cleared for I/O and under writeback: as few device requests as the layout allows. On an
     * error the page cache writes each folio alone with writepage, so the error lands on exactly
     * the pages that fail.
     */
    default void writepages(List<Folio> folios, WritebackControl wbc) {
        for (Folio f : folios) {
            writepage(f, wbc);
        }
    }

    /**
     * {@code ->write_begin()}'s filesystem half: make room in the backing store for a write to
     * page {@code index} of {@code host} (allocate blocks). ENOSPC when there is none.
     */
    default void writeBegin(Inode host, long index) {
    }

    /**
     * {@code __block_write_begin}'s get_block(create): map, allocating where needed, the blocks
     * under bytes [{@code offset}, {@code offset + len}) of the locked folio, after the folio was
     * read in or zeroed (so a freshly allocated block is never read from the device). For
     * filesystems whose blocks are smaller than a page: only the blocks the write touches are
     * allocated. ENOSPC (or EFBIG) here fails the write before anything is copied.
     */
    default void blockWriteBegin(Folio folio, int offset, int len) {
    }

    /**
     * {@code ->iomap_begin()} of a buffered write: before bytes [{@code pos}, {@code pos + len})
     * are copied page by page, the filesystem may map (allocate) the range at once. Best effort:
     * it must not fail for lack of space, which {@link #blockWriteBegin} reports at the exact page.
     */
    default void writeRangeBegin(Inode host, long pos, int len) {
    }

    /**
     * {@code ->iomap_end()}: the buffered write that {@link #writeRangeBegin} prepared copied
     * {@code written} of its {@code len} bytes; called however it ended. When it fell short
     * (a short write, or a failure), what writeRangeBegin allocated past the end of file is
     * given back (ext2_write_failed).
     */
    default void writeRangeEnd(Inode host, long pos, int len, int written) {
    }

    /** {@code ->invalidate_folio()}: part or all of the folio is being truncated away. */
    default void invalidateFolio(Folio folio, int offset, int length) {
    }

    /** {@code ->release_folio()}: may the clean folio be freed? */
    default boolean releaseFolio(Folio folio) {
        return true;
    }
}
