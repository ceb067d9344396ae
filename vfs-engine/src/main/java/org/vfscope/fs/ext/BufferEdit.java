package org.vfscope.fs.ext;

import java.util.function.Consumer;
import org.vfscope.mm.BufferCache;
import org.vfscope.mm.BufferHead;
import org.vfscope.mm.Folio;

/**
 * The metadata write path: sb_bread, lock_buffer, change the bytes, mark_buffer_dirty, unlock.
 * A block that fills its folio is edited in place under the buffer's lock; a smaller one on a copy
 * put back under that lock. A buffer whose folio was
 * reclaimed between the read and the lock is read again, so no change is lost.
 */
final class BufferEdit {
    private BufferEdit() {
    }

    /** Applies {@code edit} to block {@code block} and marks it dirty for writeback. */
    static void edit(BufferCache cache, long block, Consumer<byte[]> edit) {
        while (true) {
            BufferHead bh = cache.bread(block);
            Folio folio = bh.folio();
            bh.lock();
            try {
                if (!folio.mapping().contains(folio)) {
                    continue; // reclaimed meanwhile: a change here would be lost
                }
                if (bh.size() == Folio.PAGE_SIZE) {
                    edit.accept(folio.data()); // the block is the whole folio: edited in place, as b_data is
                } else {
                    byte[] b = bh.copy();
                    edit.accept(b);
                    bh.data().put(b);
                }
                cache.markDirty(bh);
                return;
            } finally {
                bh.unlock();
            }
        }
    }

    /** Overwrites block {@code block} with {@code bytes} (a new indirect, directory or xattr block). */
    static void overwrite(BufferCache cache, long block, byte[] bytes) {
        edit(cache, block, b -> System.arraycopy(bytes, 0, b, 0, b.length));
    }
}
