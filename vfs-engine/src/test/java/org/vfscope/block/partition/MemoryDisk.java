package org.vfscope.block.partition;

import java.nio.ByteBuffer;
import org.vfscope.block.BlockDevice;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.VfsException;

/** A disk held in a byte array, so hundreds of damaged variants cost no file I/O. */
final class MemoryDisk implements BlockDevice {
    private final byte[] bytes;

    MemoryDisk(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public String name() {
        return "memory.img";
    }

    @Override
    public int logicalBlockSize() {
        return 512;
    }

    @Override
    public long size() {
        return bytes.length;
    }

    @Override
    public boolean isReadOnly() {
        return true;
    }

    @Override
    public void read(long offset, ByteBuffer dst) {
        if (offset < 0 || offset > bytes.length - dst.remaining()) {
            throw new VfsException(Errno.EIO, name(), "read beyond the end at " + offset);
        }
        dst.put(bytes, (int) offset, dst.remaining());
    }

    @Override
    public void write(long offset, ByteBuffer src) {
        throw new VfsException(Errno.EROFS, name());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
