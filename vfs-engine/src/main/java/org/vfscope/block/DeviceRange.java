package org.vfscope.block;

import org.vfscope.vfs.Errno;
import org.vfscope.vfs.VfsException;

/** The bounds check every device makes before a request (bio_check_eod). */
final class DeviceRange {
    private DeviceRange() {
    }

    /** Throws EINVAL for a negative offset, EIO for a request reaching past the end of {@code dev}. */
    static void check(BlockDevice dev, long offset, int length) {
        if (offset < 0) {
            throw new VfsException(Errno.EINVAL, dev.name(), "negative offset " + offset);
        }
        if (offset > dev.size() - length) { // overflow-safe form of offset + length > size
            throw beyondEnd(dev.name(), offset, length, dev.size());
        }
    }

    static VfsException beyondEnd(String name, long offset, long length, long size) {
        return new VfsException(Errno.EIO, name, "attempt to access beyond end of device: offset "
                + offset + ", length " + length + ", device size " + size);
    }
}
