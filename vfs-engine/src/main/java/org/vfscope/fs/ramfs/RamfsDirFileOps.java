package org.vfscope.fs.ramfs;

import java.nio.ByteBuffer;
import java.util.Map;
import org.vfscope.vfs.DirContext;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.FileMode;
import org.vfscope.vfs.FileOperations;
import org.vfscope.vfs.Inode;
import org.vfscope.vfs.Kiocb;
import org.vfscope.vfs.OpenFile;
import org.vfscope.vfs.Seek;
import org.vfscope.vfs.VfsException;
import org.vfscope.vfs.dcache.Dentry;

/**
 * ramfs directories opened for reading: "." and ".." at offsets 0 and 1, then each entry at its
 * creation cookie, so a readdir interrupted by creates and unlinks resumes where it was and never
 * returns an entry twice.
 */
final class RamfsDirFileOps implements FileOperations {
    private final RamfsSuper fs;

    RamfsDirFileOps(RamfsSuper fs) {
        this.fs = fs;
    }

    /** generic_read_dir. */
    @Override
    public int read(Kiocb iocb, ByteBuffer dst) {
        throw new VfsException(Errno.EISDIR);
    }

    /** dcache_dir_lseek: only SEEK_SET and SEEK_CUR to a non-negative offset. */
    @Override
    public long llseek(OpenFile file, long offset, int whence) {
        long result = switch (whence) {
            case Seek.SEEK_SET -> offset;
            case Seek.SEEK_CUR -> file.pos() + offset;
            default -> throw new VfsException(Errno.EINVAL);
        };
        if (result < 0) {
            throw new VfsException(Errno.EINVAL);
        }
        return result;
    }

    @Override
    public void iterate(OpenFile file, DirContext ctx) {
        Inode dir = file.inode();
        RamNode node = ((RamfsInode) dir).node();
        if (ctx.pos() == 0) {
            if (!ctx.emit(".", dir.ino(), FileMode.DT_DIR)) {
                return;
            }
            ctx.setPos(1);
        }
        if (ctx.pos() == 1) {
            Dentry d = file.path().dentry();
            Inode parent = d.isRoot() ? dir : d.parent().inode();
            if (!ctx.emit("..", parent == null ? dir.ino() : parent.ino(), FileMode.DT_DIR)) {
                return;
            }
            ctx.setPos(2);
        }
        while (true) {
            String name;
            long ino;
            int dtype;
            long cookie;
            synchronized (fs.store()) {
                Map.Entry<Long, String> next = node.byCookie.ceilingEntry(ctx.pos());
                if (next == null) {
                    return;
                }
                cookie = next.getKey();
                name = next.getValue();
                ino = node.entries.get(name);
                dtype = FileMode.dtype(fs.store().node(ino).mode);
            }
            ctx.setPos(cookie);
            if (!ctx.emit(name, ino, dtype)) {
                return;
            }
            ctx.setPos(cookie + 1);
        }
    }
}
