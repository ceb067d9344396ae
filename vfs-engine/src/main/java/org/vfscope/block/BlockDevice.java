package org.vfscope.block;

import java.io.Closeable;
import java.nio.ByteBuffer;

/**
 * A block device (struct block_device): a fixed number of bytes read and written by offset. Byte
 * offsets are allowed; the page cache does block-aligned I/O anyway. Implementations are
 * thread-safe: requests may arrive from several threads at once, as bios do.
 *
 * <p>Errors: {@code EIO} for a failed request and for any request reaching beyond {@link #size()}
 * (the whole request fails, as a bio does); {@code ENOSPC} when a file underneath runs out of
 * space; {@code EROFS} for a write to a read-only device;
 * {@code EINVAL} for a negative offset. On an error the buffer's position is unspecified.
 */
public interface BlockDevice extends Closeable {

    /** For messages: the image file name, "overlay of x.img", "x.img p2". */
    String name();

    /** The smallest unit the device addresses, in bytes (bdev_logical_block_size): 512 for images. */
    int logicalBlockSize();

    /** Capacity in bytes; fixed while the device is open. */
    long size();

    boolean isReadOnly();

    /** Fills {@code dst.remaining()} bytes from {@code offset}, advancing its position, or throws. */
    void read(long offset, ByteBuffer dst);

    /** Writes {@code src.remaining()} bytes at {@code offset}, advancing its position, or throws. */
    void write(long offset, ByteBuffer src);

    /** A cache flush (REQ_PREFLUSH): everything written before is durable when this returns. */
    void flush();

    /**
     * Releases the device and whatever it owns; idempotent. Requests after close fail with {@code
     * EIO}, except on a {@link PartitionView}, which owns nothing and is usable while its base is.
     */
    @Override
    void close();
}
