package org.vfscope.fs.ext;

import java.io.ByteArrayOutputStream;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.VfsException;

/**
 * POSIX ACLs as ext4 stores them (fs/ext4/acl.h: version 1, short entries for the owner, group,
 * mask and other, long ones with an id for named users and groups) turned into the
 * system.posix_acl_* xattr format getxattr returns (version 2, every entry 8 bytes).
 */
final class PosixAcl {
    private static final int EXT4_ACL_VERSION = 1;
    private static final int XATTR_VERSION = 2;
    private static final int USER_OBJ = 0x01;
    private static final int USER = 0x02;
    private static final int GROUP_OBJ = 0x04;
    private static final int GROUP = 0x08;
    private static final int MASK = 0x10;
    private static final int OTHER = 0x20;

    private PosixAcl() {
    }

    /** ext4_acl_from_disk + posix_acl_to_xattr; EUCLEAN for a malformed ACL. */
    static byte[] toXattr(long ino, byte[] disk) {
        if (disk.length < 4 || Le.u32(disk, 0) != EXT4_ACL_VERSION) {
            throw new VfsException(Errno.EUCLEAN, "inode " + ino, "bad ACL header");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Le.le32(XATTR_VERSION));
        int off = 4;
        while (off < disk.length) {
            if (off + 4 > disk.length) {
                throw new VfsException(Errno.EUCLEAN, "inode " + ino, "truncated ACL entry");
            }
            int tag = Le.u16(disk, off);
            int perm = Le.u16(disk, off + 2);
            long id;
            switch (tag) {
                case USER_OBJ, GROUP_OBJ, MASK, OTHER -> {
                    id = 0xffffffffL;
                    off += 4;
                }
                case USER, GROUP -> {
                    id = Le.u32(disk, off + 4);
                    off += 8;
                }
                default -> throw new VfsException(Errno.EUCLEAN, "inode " + ino, "unknown ACL tag " + tag);
            }
            out.write(tag);
            out.write(tag >> 8);
            out.write(perm);
            out.write(perm >> 8);
            out.writeBytes(Le.le32(id));
        }
        return out.toByteArray();
    }

    /** posix_acl_from_xattr + ext4_acl_to_disk; EINVAL for a value that is not an ACL. */
    static byte[] fromXattr(byte[] x) {
        if (x.length < 4 || (x.length - 4) % 8 != 0 || Le.u32(x, 0) != XATTR_VERSION) {
            throw new VfsException(Errno.EINVAL, "ACL", "not a POSIX ACL in xattr form");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Le.le32(EXT4_ACL_VERSION));
        for (int off = 4; off < x.length; off += 8) {
            int tag = Le.u16(x, off);
            int perm = Le.u16(x, off + 2);
            out.write(tag);
            out.write(tag >> 8);
            out.write(perm);
            out.write(perm >> 8);
            switch (tag) {
                case USER, GROUP -> out.writeBytes(Le.le32(Le.u32(x, off + 4)));
                case USER_OBJ, GROUP_OBJ, MASK, OTHER -> {
                }
                default -> throw new VfsException(Errno.EINVAL, "ACL", "unknown ACL tag " + tag);
            }
        }
        return out.toByteArray();
    }
}
