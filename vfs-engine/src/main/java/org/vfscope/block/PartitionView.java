package org.vfscope.block;

import java.nio.ByteBuffer;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.VfsException;

/**
 * A window of another device, as a partition is of its disk (bdev_nr_sectors of a part): offsets
 * are relative to the window's start and checked against its length, so a driver mounted on a
 * partition cannot reach its neighbours. The view does not own the base device: closing the view
 * leaves the base open.
 */
public final class PartitionView implements BlockDevice {
    private final BlockDevice base;
    private final long start;
    private final long length;
    private final String name;

    /** Partition number {@code number} of {@code base}, named "{@code <base> p<number>}". */
    public PartitionView(BlockDevice base, int number, long start, long length) {
        this(base, start, length, base.name() + " p" + number);
    }

    /** EINVAL if the window does not lie within {@code base}. */
    public PartitionView(BlockDevice base, long start, long length, String name) {
        if (start < 0 || length < 0 || start > base.size() - length) {
            throw new VfsException(Errno.EINVAL, name, "partition at offset " + start + ", length " + length
                    + " lies beyond the end of " + base.name() + " (" + base.size() + " bytes)");
        }
        this.base = base;
        this.start = start;
        this.length = length;
        this.name = name;
    }

    public BlockDevice base() {
        return base;
    }

    /** Where the window starts on the base device, in bytes. */
    public long start() {
        return start;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int logicalBlockSize() {
        return base.logicalBlockSize();
    }

    @Override
    public long size() {
        return length;
    }

    @Override
    public boolean isReadOnly() {
        return base.isReadOnly();
    }

    @Override
    public void read(long offset, ByteBuffer dst) {
        DeviceRange.check(this, offset, dst.remaining());
        base.read(start + offset, dst);
    }

    @Override
    public void write(long offset, ByteBuffer src) {
        if (base.isReadOnly()) {
            throw new VfsException(Errno.EROFS, name, "write at offset " + offset);
        }
        DeviceRange.check(this, offset, src.remaining());
        base.write(start + offset, src);
    }

    @Override
    public void flush() {
        base.flush();
    }

    /** The base belongs to whoever opened it. */
    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "PartitionView[" + name + ", start " + start + ", " + length + " bytes]";
    }
}
