package org.vfscope.fs.ext;

/**
 * One thing found wrong on an ext image while reading it, in the spirit of e2fsck's problem
 * table: a stable code scripts can match on, what was wrong, and where (inode, block; 0 and -1
 * when not known). Problems are recorded and reading goes on; they are what stat/JSON shows.
 *
 * @param inode the inode concerned, or 0
 * @param block the block concerned, or -1
 */
public record ExtProblem(Code code, long inode, long block, String message) {

    /** The kinds of finding, each with the severity the GUI shows. */
    public enum Code {
        SUPERBLOCK_CHECKSUM(Severity.ERROR),
        SUPERBLOCK_GEOMETRY(Severity.WARNING),
        NEEDS_RECOVERY(Severity.WARNING),
        UNKNOWN_RO_COMPAT(Severity.WARNING),
        GROUP_DESC_CHECKSUM(Severity.ERROR),
        GROUP_DESC_BAD(Severity.ERROR),
        BITMAP_CHECKSUM(Severity.ERROR),
        BITMAP_BAD(Severity.ERROR),
        COUNT_BAD(Severity.WARNING),
        INODE_CHECKSUM(Severity.ERROR),
        INODE_BAD(Severity.ERROR),
        EXTENT_CHECKSUM(Severity.ERROR),
        EXTENT_BAD(Severity.ERROR),
        BLOCK_POINTER_BAD(Severity.ERROR),
        DIR_BLOCK_CHECKSUM(Severity.ERROR),
        DIR_BLOCK_NO_TAIL(Severity.WARNING),
        DIR_ENTRY_BAD(Severity.ERROR),
        DIR_HOLE(Severity.WARNING),
        DIR_SIZE_BAD(Severity.WARNING),
        DIR_CYCLE(Severity.ERROR),
        HTREE_BAD(Severity.ERROR),
        HTREE_CHECKSUM(Severity.ERROR),
        XATTR_BAD(Severity.ERROR),
        XATTR_CHECKSUM(Severity.ERROR),
        INLINE_DATA_BAD(Severity.ERROR),
        SYMLINK_BAD(Severity.ERROR),
        INTERNAL(Severity.ERROR);

        private final Severity severity;

        Code(Severity severity) {
            this.severity = severity;
        }

        public Severity severity() {
            return severity;
        }
    }

    public enum Severity {
        WARNING,
        ERROR
    }

    public Severity severity() {
        return code.severity();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(code.name());
        if (inode != 0) {
            sb.append(" inode ").append(inode);
        }
        if (block >= 0) {
            sb.append(" block ").append(block);
        }
        return sb.append(": ").append(message).toString();
    }
}
