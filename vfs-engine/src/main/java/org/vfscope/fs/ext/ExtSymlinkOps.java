package org.vfscope.fs.ext;

import java.nio.charset.StandardCharsets;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.Inode;
import org.vfscope.vfs.InodeOperations;
import org.vfscope.vfs.VfsException;
import org.vfscope.vfs.dcache.Dentry;

/**
 * ext symlinks (ext4_fast_symlink_inode_operations, ext4_symlink_inode_operations): a fast
 * symlink keeps its target in i_block, a slow one in its first data block, an inline one in the
 * inline data area. The target is read once and kept as i_link.
 */
final class ExtSymlinkOps implements InodeOperations {
    private final ExtSuper sup;

    ExtSymlinkOps(ExtSuper sup) {
        this.sup = sup;
    }

    @Override
    public String getLink(Dentry dentry, Inode inode) {
        String cached = inode.cachedLink();
        if (cached != null) {
            return cached;
        }
        String target = sup.guard(inode.ino(), () -> new String(readTarget((ExtInode) inode), StandardCharsets.UTF_8));
        inode.setCachedLink(target);
        return target;
    }

    private byte[] readTarget(ExtInode inode) {
        ExtFs fs = sup.fs();
        ExtInodeRaw raw = inode.raw();
        long size = inode.size();
        int bs = fs.info().blockSize();
        if (size <= 0 || size >= bs) {
            throw bad(inode, "symlink length " + size);
        }
        byte[] bytes;
        if (inode.hasInlineData()) {
            bytes = InlineData.file(fs, raw);
            if (bytes.length != size) {
                throw bad(inode, "inline symlink of " + size + " bytes stores only " + bytes.length);
            }
        } else if (isFast(inode)) {
            if (size > ExtInodeRaw.I_BLOCK_SIZE) {
                throw bad(inode, "fast symlink length " + size + " beyond i_block");
            }
            bytes = Le.slice(raw.iBlock(), 0, (int) size);
        } else {
            BlockMapping m = inode.blockMap().map(0);
            if (m.readsAsZeros()) {
                throw bad(inode, "slow symlink without a data block");
            }
            bytes = Le.slice(fs.blockBytes(m.physical()), 0, (int) size);
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return Le.slice(bytes, 0, i);
            }
        }
        return bytes;
    }

    /** ext4_inode_is_fast_symlink: no data blocks beyond a possible xattr block. */
    private boolean isFast(ExtInode inode) {
        ExtInodeRaw raw = inode.raw();
        if (raw.hasFlag(ExtInodeRaw.FL_EA_INODE)) {
            return inode.size() < ExtInodeRaw.I_BLOCK_SIZE;
        }
        long eaBlocks = raw.fileAcl(sup.info().has64bit()) != 0
                ? (long) sup.info().blockSize() * sup.info().clusterRatio() / 512 : 0;
        return inode.blocks() - eaBlocks == 0;
    }

    private VfsException bad(ExtInode inode, String what) {
        sup.fs().problems().report(ExtProblem.Code.SYMLINK_BAD, inode.ino(), -1, what);
        return new VfsException(Errno.EUCLEAN, "inode " + inode.ino(), what);
    }
}
