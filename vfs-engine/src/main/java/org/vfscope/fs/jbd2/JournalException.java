package org.vfscope.fs.jbd2;

import org.vfscope.vfs.Errno;
import org.vfscope.vfs.VfsException;

/**
 * Why a journal could not be replayed (or not completely). The errno follows what
 * jbd2_journal_load and jbd2_journal_recover return for the same case; {@link #kind()} is for
 * callers that react differently to each.
 */
public final class JournalException extends VfsException {
    private static final long serialVersionUID = 1L;

    /** The families of failure, each with the errno the kernel gives it. */
    public enum Kind {
        /** The journal superblock is not one (magic, block size, format, lengths): EINVAL. */
        BAD_SUPERBLOCK(Errno.EINVAL),
        /** Features this recovery does not know, or an external journal device: EOPNOTSUPP. */
        UNSUPPORTED(Errno.EOPNOTSUPP),
        /** The journal inode is missing, too short, or maps outside the filesystem: EUCLEAN. */
        BAD_JOURNAL_INODE(Errno.EUCLEAN),
        /** The log itself is corrupt where the kernel gives up (EFSBADCRC/EFSCORRUPTED): EUCLEAN. */
        CORRUPT_LOG(Errno.EUCLEAN),
        /** Reading or writing the device failed: EIO. */
        IO(Errno.EIO);

        private final Errno errno;

        Kind(Errno errno) {
            this.errno = errno;
        }
    }

    private final Kind kind;

    public JournalException(Kind kind, String where, String detail) {
        super(kind.errno, where, detail);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
