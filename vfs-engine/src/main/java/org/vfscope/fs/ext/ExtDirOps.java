package org.vfscope.fs.ext;

import java.nio.ByteBuffer;
import org.vfscope.vfs.DirContext;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.FileOperations;
import org.vfscope.vfs.Inode;
import org.vfscope.vfs.InodeOperations;
import org.vfscope.vfs.Kiocb;
import org.vfscope.vfs.OpenFile;
import org.vfscope.vfs.Seek;
import org.vfscope.vfs.VfsException;
import org.vfscope.vfs.dcache.Dentry;

/**
 * ext directories: inode_operations (ext4_lookup; the namespace changes through {@link ExtNamei},
 * EROFS with the reason on what this driver cannot write; setattr is simple_setattr, written by
 * write_inode) and file_operations (ext4_readdir through {@link ExtDirectory}). A lookup refuses a
 * directory entry that names one of its own ancestors, so a corrupt image cannot make the
 * tree cyclic.
 */
final class ExtDirOps implements InodeOperations, FileOperations {
    /** How far up the dentry chain the cycle check looks; deeper trees are not cycles we can see. */
    private static final int MAX_ANCESTORS = 4096;

    private final ExtSuper sup;

    ExtDirOps(ExtSuper sup) {
        this.sup = sup;
    }

    // ---- inode_operations ------------------------------------------------------------------

    @Override
    public Inode lookup(Inode dir, Dentry dentry, int flags) {
        long ino = sup.guard(dir.ino(), () -> new ExtDirectory(sup.fs(), (ExtInode) dir).lookup(dentry.name()));
        if (ino == 0) {
            return null;
        }
        ExtSuperBlockInfo info = sup.info();
        if ((ino < info.firstIno() && ino != ExtSuper.ROOT_INO) || ino > info.inodesCount()) {
            sup.fs().problems().report(ExtProblem.Code.DIR_ENTRY_BAD, dir.ino(), -1,
                    "entry '" + dentry.name() + "' names reserved or out-of-range inode " + ino);
            throw new VfsException(Errno.EUCLEAN, "inode " + dir.ino(), "bad inode number " + ino + " for '"
                    + dentry.name() + "'");
        }
        ExtInode inode = sup.iget(dir.sb(), ino);
        if (inode.isDir() && namesAncestor(dentry, ino)) {
            dir.sb().kernel().icache().iput(inode);
            sup.fs().problems().report(ExtProblem.Code.DIR_CYCLE, dir.ino(), -1,
                    "entry '" + dentry.name() + "' names ancestor directory " + ino);
            throw new VfsException(Errno.EUCLEAN, "inode " + dir.ino(),
                    "'" + dentry.name() + "' links back to ancestor directory inode " + ino);
        }
        return inode;
    }

    private static boolean namesAncestor(Dentry dentry, long ino) {
        Dentry d = dentry.parent();
        for (int i = 0; d != null && i < MAX_ANCESTORS; i++) {
            Inode di = d.inode();
            if (di != null && di.ino() == ino && di.sb() == dentry.sb()) {
                return true;
            }
            if (d.isRoot()) {
                return false;
            }
            d = d.parent();
        }
        return false;
    }

    /** Runs a namespace change after checking this driver can write the filesystem. */
    private void write(Inode dir, String what, Runnable op) {
        if (!sup.canWrite()) {
            throw sup.readOnly(what);
        }
        sup.guard(dir.ino(), () -> {
            op.run();
            return null;
        });
    }

    @Override
    public void create(Inode dir, Dentry dentry, int mode, boolean excl) {
        write(dir, dentry.name(), () -> sup.namei().create(dir, dentry, mode, 0));
    }

    @Override
    public void link(Dentry oldDentry, Inode dir, Dentry newDentry) {
        write(dir, newDentry.name(), () -> sup.namei().link(oldDentry, dir, newDentry));
    }

    @Override
    public void unlink(Inode dir, Dentry dentry) {
        write(dir, dentry.name(), () -> sup.namei().unlink(dir, dentry));
    }

    @Override
    public void symlink(Inode dir, Dentry dentry, String target) {
        write(dir, dentry.name(), () -> sup.namei().symlink(dir, dentry, target));
    }

    @Override
    public void mkdir(Inode dir, Dentry dentry, int mode) {
        write(dir, dentry.name(), () -> sup.namei().mkdir(dir, dentry, mode));
    }

    @Override
    public void rmdir(Inode dir, Dentry dentry) {
        write(dir, dentry.name(), () -> sup.namei().rmdir(dir, dentry));
    }

    /** ext2_mknod: fifos, sockets and device nodes (the VFS has checked the type and CAP_MKNOD). */
    @Override
    public void mknod(Inode dir, Dentry dentry, int mode, long rdev) {
        write(dir, dentry.name(), () -> sup.namei().create(dir, dentry, mode, rdev));
    }

    @Override
    public void rename(Inode oldDir, Dentry oldDentry, Inode newDir, Dentry newDentry, int flags) {
        write(oldDir, oldDentry.name(), () -> sup.namei().rename(oldDir, oldDentry, newDir, newDentry, flags));
    }

    /** O_TMPFILE is not supported: an unnamed inode would need the orphan list to survive a crash. */
    @Override
    public void tmpfile(Inode dir, Dentry dentry, int mode) {
        throw new VfsException(Errno.EOPNOTSUPP, "O_TMPFILE", "not supported on ext2/ext3 here");
    }

    // ---- file_operations -------------------------------------------------------------------

    @Override
    public void iterate(OpenFile file, DirContext ctx) {
        Inode dir = file.inode();
        sup.guard(dir.ino(), () -> {
            new ExtDirectory(sup.fs(), (ExtInode) dir).iterate(ctx);
            return null;
        });
    }

    /** ext2_fsync on a directory: its inode, then the metadata blocks (directory blocks among them). */
    @Override
    public void fsync(OpenFile file, long start, long end, boolean datasync) {
        org.vfscope.vfs.GenericFile.fsync(file, start, end, datasync);
        if (sup.canWrite() && !file.inode().sb().isReadOnly()) {
            sup.fs().commitSuper();
            sup.fs().cache().sync();
        }
    }

    /** generic_read_dir. */
    @Override
    public int read(Kiocb iocb, ByteBuffer dst) {
        throw new VfsException(Errno.EISDIR);
    }

    /** ext4_dir_llseek for byte-offset positions: any non-negative offset. */
    @Override
    public long llseek(OpenFile file, long offset, int whence) {
        long result;
        try {
            result = switch (whence) {
                case Seek.SEEK_SET -> offset;
                case Seek.SEEK_CUR -> Math.addExact(file.pos(), offset);
                case Seek.SEEK_END -> Math.addExact(file.inode().size(), offset);
                default -> throw new VfsException(Errno.EINVAL);
            };
        } catch (ArithmeticException e) {
            throw new VfsException(Errno.EINVAL);
        }
        if (result < 0) {
            throw new VfsException(Errno.EINVAL);
        }
        return result;
    }
}
