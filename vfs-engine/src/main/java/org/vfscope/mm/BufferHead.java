package org.vfscope.mm;

import java.nio.ByteBuffer;

/**
 * {@code struct buffer_head}: one filesystem block inside a folio of the block device's mapping.
 * {@link #data()} is a view of the block's bytes; change them with the folio locked
 * ({@link #lock()}) and then {@link BufferCache#markDirty}.
 */
public final class BufferHead {
    private final Folio folio;
    private final long blockNr;
    private final int offset;
    private final int size;

    BufferHead(Folio folio, long blockNr, int offset, int size) {
        this.folio = folio;
        this.blockNr = blockNr;
        this.offset = offset;
        this.size = size;
    }

    /** b_blocknr. */
    public long blockNr() {
        return blockNr;
    }

    /** b_size. */
    public int size() {
        return size;
    }

    /** b_data: the block's bytes (a view of the folio; position 0 is the block's first byte). */
    public ByteBuffer data() {
        return ByteBuffer.wrap(folio.data(), offset, size).slice();
    }

    /** A copy of the block's bytes. */
    public byte[] copy() {
        byte[] out = new byte[size];
        System.arraycopy(folio.data(), offset, out, 0, size);
        return out;
    }

    /**
     * The folio's own array when this buffer fills it (block size = page size), else a copy: for
     * a caller that only reads, right away, and that a concurrent change may race like any
     * unlocked read of b_data.
     */
    public byte[] bytesOrCopy() {
        return offset == 0 && size == Folio.PAGE_SIZE ? folio.data() : copy();
    }

    public Folio folio() {
        return folio;
    }

    /** lock_buffer: the folio lock guards its buffers' contents. */
    public void lock() {
        folio.lock();
    }

    public void unlock() {
        folio.unlock();
    }

    public boolean isDirty() {
        return folio.isDirty();
    }

    @Override
    public String toString() {
        return "block " + blockNr + " (" + size + " bytes)";
    }
}
