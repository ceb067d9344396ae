package org.vfscope.block;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.VfsException;

/**
 * An image file as a block device, like a loop device: positional reads and writes straight to
 * the file, nothing buffered here, so memory does not depend on the image's size.
 *
 * <p>{@link #size()} is the file's size when opened, even when that is not a multiple of the
 * logical block size (the last block is then partial and readable byte by byte); anything beyond
 * it is EIO. A device never grows: writes cannot extend the file.
 */
public final class FileBlockDevice implements BlockDevice {
    public static final int DEFAULT_LOGICAL_BLOCK_SIZE = 512;

    private final Path path;
    private final String name;
    private final boolean readOnly;
    private final int logicalBlockSize;
    private final long size;
    private final ReopeningChannel file;

    private FileBlockDevice(Path path, boolean writable, int logicalBlockSize) {
        this.path = path;
        this.name = String.valueOf(path.getFileName());
        this.readOnly = !writable;
        this.logicalBlockSize = logicalBlockSize;
        this.file = ReopeningChannel.open(path, name, writable);
        try {
            this.size = file.size();
        } catch (VfsException e) {
            file.close();
            throw e;
        }
    }

    /** Opens {@code image} with 512-byte logical blocks; ENOENT, EACCES, EISDIR, EIO. */
    public static FileBlockDevice open(Path image, boolean writable) {
        return open(image, writable, DEFAULT_LOGICAL_BLOCK_SIZE);
    }

    /** As {@link #open(Path, boolean)}, e.g. 2048 for a CD image; EINVAL unless a power of two >= 512. */
    public static FileBlockDevice open(Path image, boolean writable, int logicalBlockSize) {
        if (logicalBlockSize < 512 || Integer.bitCount(logicalBlockSize) != 1) {
            throw new VfsException(Errno.EINVAL, image.toString(), "logical block size " + logicalBlockSize);
        }
        if (Files.isDirectory(image)) {
            throw new VfsException(Errno.EISDIR, image.toString());
        }
        return new FileBlockDevice(image, writable, logicalBlockSize);
    }

    public Path path() {
        return path;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int logicalBlockSize() {
        return logicalBlockSize;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public boolean isReadOnly() {
        return readOnly;
    }

    @Override
    public void read(long offset, ByteBuffer dst) {
        DeviceRange.check(this, offset, dst.remaining());
        file.readFully(offset, dst);
    }

    @Override
    public void write(long offset, ByteBuffer src) {
        if (readOnly) {
            throw new VfsException(Errno.EROFS, name, "write at offset " + offset);
        }
        DeviceRange.check(this, offset, src.remaining());
        file.writeFully(offset, src);
    }

    @Override
    public void flush() {
        if (!readOnly) {
            file.force();
        }
    }

    @Override
    public void close() {
        file.close();
    }

    @Override
    public String toString() {
        return "FileBlockDevice[" + path + (readOnly ? ", ro" : ", rw") + ", " + size + " bytes]";
    }
}
