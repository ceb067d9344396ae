package org.vfscope.block;

import java.nio.ByteBuffer;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.VfsException;

/** A disk held in a byte array, so hundreds of damaged variants cost no file I/O. */
public final class MemoryDisk implements BlockDevice {
    private final byte[] bytes;
    private final boolean writable;

    /** A read-only disk over {@code bytes}: a write is EROFS. */
    public MemoryDisk(byte[] bytes) {
        this(bytes, false);
    }

    /** A disk over {@code bytes}; writes, when allowed, go straight into the array. */
    public MemoryDisk(byte[] bytes, boolean writable) {
        this.bytes = bytes;
        this.writable = writable;
    }

    /** The array itself, not a copy. */
    public byte[] bytes() {
        return bytes;
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
        return !writable;
    }

    @Override
    public void read(long offset, ByteBuffer dst) {
        check(offset, dst.remaining());
        dst.put(bytes, (int) offset, dst.remaining());
    }

    @Override
    public void write(long offset, ByteBuffer src) {
        if (!writable) {
            throw new VfsException(Errno.EROFS, name());
        }
        check(offset, src.remaining());
        src.get(bytes, (int) offset, src.remaining());
    }

    private void check(long offset, int length) {
        if (offset < 0 || offset > bytes.length - length) {
            throw new VfsException(Errno.EIO, name(), "beyond the end at " + offset);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
