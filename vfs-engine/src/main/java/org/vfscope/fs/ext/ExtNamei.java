package org.vfscope.fs.ext;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.FileMode;
import org.vfscope.vfs.Inode;
import org.vfscope.vfs.RenameFlags;
import org.vfscope.vfs.VfsException;
import org.vfscope.vfs.dcache.Dentry;
import org.vfscope.vfs.icache.InodeState;

/**
 * The namespace operations of ext2 directories (fs/ext2/namei.c): create, mknod, symlink (fast
 * in i_block below 60 bytes, else in a block), mkdir, link, unlink, rmdir and rename with
 * RENAME_NOREPLACE and RENAME_EXCHANGE, keeping link counts as ext2 does and refusing a 32001st
 * link (EMLINK); on the ext4 driver the limit is 65,000, and with dir_nlink a directory's count
 * stops at 1 past it (ext4_inc_count). The VFS has already checked permissions, existence and
 * types (may_create, may_delete) and holds the directory locks locking.rst lists. An inline_data
 * directory is edited in place while an entry fits a gap of its inline area; one that gains an
 * entry that does not fit is first converted into a block directory
 * ({@link InlineDataWriter#convertDir}); RENAME_EXCHANGE converts both directories.
 */
final class ExtNamei {
    /** EXT2_LINK_MAX. */
    static final int LINK_MAX = 32000;
    /** EXT4_LINK_MAX: the ext4 driver's limit, and with dir_nlink where a directory's count gives up. */
    static final int EXT4_LINK_MAX = 65000;

    private final ExtSuper sup;
    private final ExtDirWriter dirs;
    private final BlockMapWriter map;

    ExtNamei(ExtSuper sup, ExtDirWriter dirs, BlockMapWriter map) {
        this.sup = sup;
        this.dirs = dirs;
        this.map = map;
    }

    /** The link limit of the mounted personality: ext4's 65,000, ext2/ext3's 32,000. */
    private int linkMax() {
        return sup.ext4Personality() ? EXT4_LINK_MAX : LINK_MAX;
    }

    /** dir_nlink on the ext4 driver: a directory past 65,000 subdirectories counts 1 link ("many"). */
    private boolean dirNlink() {
        return sup.ext4Personality() && sup.info().hasRoCompat(ExtFeatures.RO_COMPAT_DIR_NLINK);
    }

    /** EXT4_DIR_LINK_MAX: whether {@code dir} can take no further subdirectory. */
    private boolean dirFull(Inode dir) {
        return dir.nlink() >= linkMax() && !dirNlink();
    }

    /** ext4_inc_count for a parent gaining a subdirectory. */
    private void incDirCount(Inode dir) {
        dir.incNlink();
        if (dirNlink() && (dir.nlink() > EXT4_LINK_MAX || dir.nlink() == 2)) {
            dir.setNlink(1);
        }
    }

    /** ext4_dec_count: a directory at 1 ("many") or 2 links keeps its count. */
    private void decDirCount(Inode dir) {
        if (!dirNlink() || dir.nlink() > 2) {
            dir.dropNlink();
        }
    }

    private static byte[] name(Dentry d) {
        byte[] b = d.name().getBytes(StandardCharsets.UTF_8);
        if (b.length > ExtDirWriter.NAME_MAX) {
            throw new VfsException(Errno.ENAMETOOLONG, d.name());
        }
        return b;
    }

    private static ExtInode ext(Inode inode) {
        return (ExtInode) inode;
    }

    /** The directory as blocks before an entry changes: an inline directory is converted first. */
    private void editable(Inode dir) {
        sup.inlineData().convertDir(ext(dir), dirs);
    }

    /** An inline directory about to change is checked before anything is made for it. */
    private void checkInline(Inode dir) {
        if (ext(dir).hasInlineData()) {
            InlineData.dirForWrite(sup.fs(), ext(dir).raw());
        }
    }

    /** ext4_add_entry: into a gap of an inline directory, else into its blocks (converted first if inline). */
    private void addEntry(Inode dir, byte[] name, long ino, int mode) {
        if (ext(dir).hasInlineData() && sup.inlineData().tryAddEntry(ext(dir), dirs, name, ino, mode)) {
            return;
        }
        editable(dir);
        dirs.addLink(ext(dir), name, ino, mode);
    }

    private static void touch(Inode inode, Instant now) {
        inode.setMtime(now);
        inode.setCtime(now);
        inode.markDirty(InodeState.I_DIRTY_SYNC);
    }

    /** ext2_create / ext2_mknod: a new inode of {@code mode}, then its entry (ext2_add_nondir). */
    void create(Inode dir, Dentry dentry, int mode, long rdev) {
        byte[] name = name(dentry);
        checkInline(dir);
        ExtInode inode = sup.newInode(ext(dir), mode, rdev);
        addNondir(ext(dir), dentry, name, inode);
    }

    /** ext2_symlink: the target in i_block when it fits (strlen + 1 <= 60), else in a block of its own. */
    void symlink(Inode dir, Dentry dentry, String target) {
        byte[] name = name(dentry);
        byte[] t = target.getBytes(StandardCharsets.UTF_8);
        int bs = sup.info().blockSize();
        if (t.length + 1 > bs) {
            throw new VfsException(Errno.ENAMETOOLONG, dentry.name(), "symlink target longer than a block");
        }
        checkInline(dir);
        ExtInode inode = sup.newInode(ext(dir), FileMode.S_IFLNK | 0777, 0);
        try {
            if (t.length < ExtInodeRaw.I_BLOCK_SIZE) {
                inode.setFlags(inode.flags() & ~ExtInodeRaw.FL_EXTENTS); // ext4_symlink: a fast symlink has no extents
                byte[] words = new byte[ExtInodeRaw.I_BLOCK_SIZE];
                System.arraycopy(t, 0, words, 0, t.length);
                for (int i = 0; i < 15; i++) {
                    inode.iBlock[i] = Le.u32(words, 4 * i);
                }
            } else {
                long phys;
                synchronized (inode.truncateMutex()) {
                    phys = map.getOrAllocate(inode, 0);
                }
                byte[] block = new byte[bs];
                System.arraycopy(t, 0, block, 0, t.length);
                BufferEdit.overwrite(sup.fs().cache(), phys, block);
            }
            inode.setSize(t.length);
            inode.setCachedLink(target);
            inode.markDirty(InodeState.I_DIRTY_SYNC);
        } catch (RuntimeException e) {
            sup.discardNew(inode);
            throw e;
        }
        addNondir(ext(dir), dentry, name, inode);
    }

    private void addNondir(ExtInode dir, Dentry dentry, byte[] name, ExtInode inode) {
        try {
            addEntry(dir, name, inode.ino(), inode.mode());
        } catch (RuntimeException e) {
            sup.discardNew(inode);
            throw e;
        }
        touch(dir, inode.ctime());
        sup.kernel().icache().unlockNew(inode);
        sup.kernel().dcache().instantiate(dentry, inode);
    }

    /** ext2_mkdir: the parent gains a link for "..", the new directory has "." and "..". */
    void mkdir(Inode dir, Dentry dentry, int mode) {
        byte[] name = name(dentry);
        if (dirFull(dir)) {
            throw new VfsException(Errno.EMLINK, dentry.name());
        }
        checkInline(dir);
        ExtInode inode = sup.newInode(ext(dir), FileMode.S_IFDIR | (mode & ~FileMode.S_IFMT), 0);
        try {
            inode.setNlink(2);
            dirs.makeEmpty(inode, dir.ino());
            addEntry(dir, name, inode.ino(), inode.mode());
        } catch (RuntimeException e) {
            sup.discardNew(inode);
            throw e;
        }
        incDirCount(dir);
        touch(dir, inode.ctime());
        inode.markDirty(InodeState.I_DIRTY_SYNC);
        sup.kernel().icache().unlockNew(inode);
        sup.kernel().dcache().instantiate(dentry, inode);
    }

    /** ext2_link. */
    void link(Dentry oldDentry, Inode dir, Dentry newDentry) {
        byte[] name = name(newDentry);
        Inode inode = oldDentry.inode();
        if (inode.nlink() >= linkMax()) {
            throw new VfsException(Errno.EMLINK, newDentry.name());
        }
        checkInline(dir);
        addEntry(dir, name, inode.ino(), inode.mode());
        Instant now = inode.currentTime();
        inode.incNlink();
        inode.setCtime(now);
        inode.markDirty(InodeState.I_DIRTY_SYNC);
        touch(dir, now);
        sup.kernel().icache().ihold(inode);
        sup.kernel().dcache().instantiate(newDentry, inode);
    }

    /** ext2_unlink: the entry goes; the inode loses a link (and is freed at its last iput). */
    void unlink(Inode dir, Dentry dentry) {
        Inode inode = dentry.inode();
        if (ext(dir).hasInlineData()) { // deleted in place: no block needed
            if (!sup.inlineData().deleteEntry(ext(dir), name(dentry), inode.ino())) {
                throw new VfsException(Errno.ENOENT, dentry.name(), "entry not found in directory inode " + dir.ino());
            }
        } else {
            ExtDirWriter.Slot slot = dirs.find(ext(dir), name(dentry));
            if (slot == null || slot.entry().ino() != inode.ino()) {
                throw new VfsException(Errno.ENOENT, dentry.name(), "entry not found in directory inode "
                        + dir.ino());
            }
            dirs.deleteEntry(ext(dir), slot);
        }
        Instant now = inode.currentTime();
        touch(dir, now);
        inode.setCtime(now);
        inode.dropNlink();
        inode.markDirty(InodeState.I_DIRTY_SYNC);
    }

    /** ext2_rmdir: only an empty directory; it and its parent each lose a link. */
    void rmdir(Inode dir, Dentry dentry) {
        Inode inode = dentry.inode();
        if (!dirs.isEmpty(ext(inode))) {
            throw new VfsException(Errno.ENOTEMPTY, dentry.name());
        }
        unlink(dir, dentry);
        inode.setSize(0);
        inode.dropNlink();
        decDirCount(dir);
        dir.markDirty(InodeState.I_DIRTY_SYNC);
    }

    /**
     * ext2_rename, plus RENAME_NOREPLACE (the VFS has checked the target is absent) and
     * RENAME_EXCHANGE (both entries repointed, ".." fixed, link counts moved when a directory
     * and a non-directory trade parents). RENAME_WHITEOUT is EINVAL: ext2 has no whiteouts.
     */
    void rename(Inode oldDir, Dentry oldDentry, Inode newDir, Dentry newDentry, int flags) {
        if ((flags & ~(RenameFlags.RENAME_NOREPLACE | RenameFlags.RENAME_EXCHANGE)) != 0) {
            throw new VfsException(Errno.EINVAL, oldDentry.name(), "rename flags 0x" + Integer.toHexString(flags)
                    + " not supported (only RENAME_NOREPLACE and RENAME_EXCHANGE)");
        }
        if ((flags & RenameFlags.RENAME_EXCHANGE) != 0) {
            editable(oldDir);
            editable(newDir);
            exchange(ext(oldDir), oldDentry, ext(newDir), newDentry);
            return;
        }
        checkInline(newDir);
        // An inline old directory only loses the entry: in place, as unlink does.
        boolean oldInline = ext(oldDir).hasInlineData();
        Inode source = oldDentry.inode();
        Inode target = newDentry.inode();
        if (target != null && (flags & RenameFlags.RENAME_NOREPLACE) != 0) {
            throw new VfsException(Errno.EEXIST, newDentry.name());
        }
        byte[] oldName = name(oldDentry);
        byte[] newName = name(newDentry);
        boolean isDir = source.isDir();
        if (oldInline) {
            InlineData.dirForWrite(sup.fs(), ext(oldDir).raw()); // refused now, before the new entry is made
            if (new ExtDirectory(sup.fs(), ext(oldDir)).lookup(oldDentry.name()) != source.ino()) {
                throw new VfsException(Errno.ENOENT, oldDentry.name(), "entry not found in directory inode "
                        + oldDir.ino());
            }
        } else {
            ExtDirWriter.Slot oldSlot = dirs.find(ext(oldDir), oldName);
            if (oldSlot == null || oldSlot.entry().ino() != source.ino()) {
                throw new VfsException(Errno.ENOENT, oldDentry.name(), "entry not found in directory inode "
                        + oldDir.ino());
            }
        }
        if (isDir && oldDir != newDir && ext(source).hasInlineData()) {
            InlineData.dirForWrite(sup.fs(), ext(source).raw()); // its '..' changes below
        }
        if (target != null && target.isDir() && !dirs.isEmpty(ext(target))) {
            throw new VfsException(Errno.ENOTEMPTY, newDentry.name());
        }
        if (isDir && target == null && oldDir != newDir && dirFull(newDir)) {
            throw new VfsException(Errno.EMLINK, newDentry.name());
        }
        Instant now = source.currentTime();
        if (target != null) {
            if (ext(newDir).hasInlineData()) {
                if (!sup.inlineData().setEntry(ext(newDir), newName, target.ino(), source.ino(), source.mode())) {
                    throw new VfsException(Errno.ENOENT, newDentry.name(), "entry not found in directory inode "
                            + newDir.ino());
                }
            } else {
                ExtDirWriter.Slot newSlot = dirs.find(ext(newDir), newName);
                if (newSlot == null || newSlot.entry().ino() != target.ino()) {
                    throw new VfsException(Errno.ENOENT, newDentry.name(), "entry not found in directory inode "
                            + newDir.ino());
                }
                dirs.setLink(ext(newDir), newSlot, source.ino(), source.mode());
            }
            target.setCtime(now);
            if (isDir) {
                target.dropNlink();
            }
            target.dropNlink();
            target.markDirty(InodeState.I_DIRTY_SYNC);
        } else {
            addEntry(newDir, newName, source.ino(), source.mode());
            if (isDir) {
                incDirCount(newDir);
            }
        }
        if (ext(oldDir).hasInlineData()) { // still inline: the new entry, if here, fitted a gap
            sup.inlineData().deleteEntry(ext(oldDir), oldName, source.ino());
        } else {
            // Found again: adding to the same directory may have split the block it lives in.
            ExtDirWriter.Slot again = dirs.find(ext(oldDir), oldName);
            if (again != null && again.entry().ino() == source.ino()) {
                dirs.deleteEntry(ext(oldDir), again);
            }
        }
        if (isDir) {
            if (oldDir != newDir) {
                dirs.setDotDot(ext(source), newDir.ino());
            }
            decDirCount(oldDir);
        }
        source.setCtime(now);
        source.markDirty(InodeState.I_DIRTY_SYNC);
        touch(oldDir, now);
        if (newDir != oldDir) {
            touch(newDir, now);
        }
    }

    private void exchange(ExtInode oldDir, Dentry oldDentry, ExtInode newDir, Dentry newDentry) {
        Inode a = oldDentry.inode();
        Inode b = newDentry.inode();
        if (b == null) {
            throw new VfsException(Errno.ENOENT, newDentry.name());
        }
        ExtDirWriter.Slot sa = dirs.find(oldDir, name(oldDentry));
        ExtDirWriter.Slot sb = dirs.find(newDir, name(newDentry));
        if (sa == null || sb == null || sa.entry().ino() != a.ino() || sb.entry().ino() != b.ino()) {
            throw new VfsException(Errno.ENOENT, oldDentry.name(), "entries changed under the rename");
        }
        if (oldDir != newDir && a.isDir() != b.isDir()) {
            Inode gains = a.isDir() ? newDir : oldDir;
            if (dirFull(gains)) {
                throw new VfsException(Errno.EMLINK, newDentry.name());
            }
        }
        dirs.setLink(oldDir, sa, b.ino(), b.mode());
        dirs.setLink(newDir, sb, a.ino(), a.mode());
        if (oldDir != newDir) {
            if (a.isDir()) {
                dirs.setDotDot((ExtInode) a, newDir.ino());
            }
            if (b.isDir()) {
                dirs.setDotDot((ExtInode) b, oldDir.ino());
            }
            if (a.isDir() && !b.isDir()) {
                decDirCount(oldDir);
                incDirCount(newDir);
            } else if (b.isDir() && !a.isDir()) {
                decDirCount(newDir);
                incDirCount(oldDir);
            }
        }
        Instant now = a.currentTime();
        a.setCtime(now);
        b.setCtime(now);
        a.markDirty(InodeState.I_DIRTY_SYNC);
        b.markDirty(InodeState.I_DIRTY_SYNC);
        touch(oldDir, now);
        if (newDir != oldDir) {
            touch(newDir, now);
        }
    }
}
