package org.vfscope.vfs;

import java.nio.ByteBuffer;

/**
 * {@code struct file_operations}: what an open file can do. Each method names the kernel method
 * and the locks the VFS holds (locking.rst: none of these is called with i_rwsem held except
 * {@code iterate_shared}, shared; write paths take it themselves).
 */
public interface FileOperations {

    /** {@code ->llseek()}: no lock held. The default is generic_file_llseek. */
    default long llseek(OpenFile file, long offset, int whence) {
        return GenericFile.llseek(file, offset, whence, file.inode().size());
    }

    /** {@code ->read_iter()}: reads at {@code iocb.pos} into {@code dst}, advancing both. */
    default int read(Kiocb iocb, ByteBuffer dst) {
        throw new VfsException(Errno.EINVAL);
    }

    /**
     * {@code ->write_iter()}: writes {@code src} at {@code iocb.pos} (or at the end for an
     * O_APPEND file, decided under the inode lock the method takes itself), advancing both.
     */
    default int write(Kiocb iocb, ByteBuffer src) {
        throw new VfsException(Errno.EINVAL);
    }

    /** {@code ->iterate_shared()}: emit entries from {@code ctx.pos()}. i_rwsem shared. */
    default void iterate(OpenFile file, DirContext ctx) {
        throw new VfsException(Errno.ENOTDIR);
    }

    /** {@code ->open()}: no lock held. */
    default void open(Inode inode, OpenFile file) {
    }

    /** {@code ->release()}: the last close of the open file. No lock held. */
    default void release(Inode inode, OpenFile file) {
    }

    /** {@code ->fsync()}: write the range and, unless {@code datasync}, all metadata. */
    default void fsync(OpenFile file, long start, long end, boolean datasync) {
        GenericFile.fsync(file, start, end, datasync);
    }

    /** {@code ->fallocate()}: NULL in Linux means EOPNOTSUPP. */
    default void fallocate(OpenFile file, int mode, long offset, long length) {
        throw new VfsException(Errno.EOPNOTSUPP);
    }
}
