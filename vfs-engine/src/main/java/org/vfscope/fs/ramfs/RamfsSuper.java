package org.vfscope.fs.ramfs;

import org.vfscope.mm.Folio;
import org.vfscope.mm.WritebackControl;
import org.vfscope.vfs.FileMode;
import org.vfscope.vfs.Inode;
import org.vfscope.vfs.MountOptions;
import org.vfscope.vfs.StatFs;
import org.vfscope.vfs.SuperBlock;
import org.vfscope.vfs.SuperOperations;
import org.vfscope.vfs.dcache.Dentry;
import org.vfscope.vfs.icache.InodeCache;

/**
 * ramfs's super_operations and the glue between VFS inodes and the nodes on its RAM disk:
 * reading a node into a new inode ({@link #iget}), writing an inode back ({@code write_inode}),
 * and freeing a node when its last link and user are gone ({@code evict_inode}).
 */
final class RamfsSuper implements SuperOperations {
    private final RamStore store;
    private final RamfsOptions options;
    private final RamfsDirOps dirOps = new RamfsDirOps(this);
    private final RamfsFileOps fileOps = new RamfsFileOps(this);
    private final RamfsDirFileOps dirFileOps = new RamfsDirFileOps(this);
    private final RamfsSymlinkOps symlinkOps = new RamfsSymlinkOps();
    private final RamfsSpecialOps specialOps = new RamfsSpecialOps();
    private volatile long sizeLimit;
    private volatile long inodeLimit;

    RamfsSuper(RamStore store, RamfsOptions options) {
        this.store = store;
        this.options = options;
        this.sizeLimit = options.sizeBytes();
        this.inodeLimit = options.maxInodes();
    }

    RamStore store() {
        return store;
    }

    void fillSuper(SuperBlock sb, int rootMode, int uid, int gid) {
        sb.setMagic(RamfsType.RAMFS_MAGIC);
        sb.setBlockSize(Folio.PAGE_SIZE);
        sb.setMaxBytes(Long.MAX_VALUE);
        for (String prefix : new String[] {"user.", "trusted.", "security."}) {
            sb.xattrHandlers().add(new RamfsXattrHandler(store, prefix));
        }
        RamNode root = store.allocate(rootMode);
        synchronized (store) {
            root.uid = uid;
            root.gid = gid;
            root.nlink = 2;
            root.parent = root.ino;
            root.atime = root.mtime = root.ctime = sb.currentTime();
        }
        Inode inode = iget(sb, root.ino);
        sb.setRoot(sb.kernel().dcache().makeRoot(sb, inode));
    }

    /** iget: the cached inode for {@code ino}, read from its node on a miss. */
    Inode iget(SuperBlock sb, long ino) {
        InodeCache icache = sb.kernel().icache();
        Inode inode = icache.iget(sb, ino);
        if (!inode.hasState(org.vfscope.vfs.icache.InodeState.I_NEW)) {
            return inode;
        }
        try {
            fill((RamfsInode) inode, store.node(ino));
        } catch (RuntimeException e) {
            icache.igetFailed(inode);
            throw e;
        }
        icache.unlockNew(inode);
        return inode;
    }

    /** Copies a node into an inode and picks the operation tables for its type. */
    void fill(RamfsInode inode, RamNode n) {
        synchronized (store) {
            inode.setNode(n);
            inode.setMode(n.mode);
            inode.setUid(n.uid);
            inode.setGid(n.gid);
            inode.setNlink(n.nlink);
            inode.setSize(n.size);
            inode.setRdev(n.rdev);
            inode.setAtime(n.atime);
            inode.setMtime(n.mtime);
            inode.setCtime(n.ctime);
            inode.setBlocks(n.pages.size() * (long) (Folio.PAGE_SIZE / 512));
        }
        switch (n.mode & FileMode.S_IFMT) {
            case FileMode.S_IFDIR -> inode.setOperations(dirOps, dirFileOps);
            case FileMode.S_IFREG -> {
                inode.setOperations(fileOps, fileOps);
                inode.mapping().setAops(fileOps);
            }
            case FileMode.S_IFLNK -> {
                inode.setOperations(symlinkOps, specialOps);
                inode.setCachedLink(n.target);
            }
            default -> inode.setOperations(specialOps, specialOps);
        }
    }

    /** A new node and its inode for a create in {@code dir}; the caller instantiates the dentry. */
    RamfsInode newInode(Inode dir, int mode, long rdev) {
        SuperBlock sb = dir.sb();
        RamNode n = store.allocate(mode);
        RamfsInode inode;
        try {
            inode = (RamfsInode) sb.kernel().icache().insertNew(sb, n.ino);
        } catch (RuntimeException e) {
            store.free(n.ino);
            throw e;
        }
        inode.initOwner(dir, mode);
        var now = inode.currentTime();
        synchronized (store) {
            n.mode = inode.mode();
            n.uid = inode.uid();
            n.gid = inode.gid();
            n.rdev = rdev;
            n.nlink = FileMode.isDir(mode) ? 2 : 1;
            n.parent = dir.ino();
            n.atime = n.mtime = n.ctime = now;
        }
        fill(inode, n);
        sb.kernel().icache().unlockNew(inode);
        return inode;
    }

    @Override
    public Inode allocInode(SuperBlock sb, long ino) {
        return new RamfsInode(sb, ino);
    }

    /** write_inode: the in-memory attributes go to the node. */
    @Override
    public void writeInode(Inode inode, WritebackControl wbc) {
        RamNode n = ((RamfsInode) inode).node();
        if (n == null) {
            return;
        }
        synchronized (store) {
            n.mode = inode.mode();
            n.uid = inode.uid();
            n.gid = inode.gid();
            n.nlink = inode.nlink();
            n.size = inode.size();
            n.atime = inode.atime();
            n.mtime = inode.mtime();
            n.ctime = inode.ctime();
        }
    }

    /** evict_inode: drop the pages; with no links left the node is freed too. */
    @Override
    public void evictInode(Inode inode) {
        inode.mapping().truncatePages(0);
        RamNode n = ((RamfsInode) inode).node();
        if (n != null && inode.nlink() == 0) {
            store.free(n.ino);
        }
    }

    @Override
    public StatFs statfs(Dentry dentry) {
        long maxPages = store.maxPages();
        long used = store.usedPages();
        long maxInodes = store.maxInodes();
        long inodes = store.inodeCount();
        return new StatFs(RamfsType.RAMFS_MAGIC, Folio.PAGE_SIZE, maxPages, Math.max(0, maxPages - used),
                Math.max(0, maxPages - used), maxInodes, Math.max(0, maxInodes - inodes),
                dentry.sb().dev(), 255, Folio.PAGE_SIZE, 0);
    }

    @Override
    public void remountFs(SuperBlock sb, int sbFlags, MountOptions opts) {
        Long size = opts.size("size");
        Long inodes = opts.size("nr_inodes");
        // The root's mode and owner are set at mount time; tmpfs ignores them on remount too.
        opts.has("mode");
        opts.has("uid");
        opts.has("gid");
        opts.rejectUnknown(RamfsType.NAME);
        store.setLimits(size, inodes);
        if (size != null) {
            sizeLimit = size;
        }
        if (inodes != null) {
            inodeLimit = inodes;
        }
    }

    /** Only what differs from the defaults, per the Mount Options rules of vfs.rst. */
    @Override
    public void showOptions(SuperBlock sb, StringBuilder out) {
        if (sizeLimit != 0) {
            // As shmem_show_options: whole pages, in KiB ("size=1m" shows as "size=1024k").
            long pages = (sizeLimit + Folio.PAGE_SIZE - 1) / Folio.PAGE_SIZE;
            out.append(",size=").append(pages * (Folio.PAGE_SIZE / 1024)).append('k');
        }
        if (inodeLimit != 0) {
            out.append(",nr_inodes=").append(inodeLimit);
        }
        if (options.rootMode() != RamfsOptions.DEFAULT_MODE) {
            // "%03o" as shmem_show_options prints it: mode=7 shows as "mode=007".
            out.append(",mode=").append(String.format("%03o", options.rootMode()));
        }
        if (options.uid() != 0) {
            out.append(",uid=").append(options.uid());
        }
        if (options.gid() != 0) {
            out.append(",gid=").append(options.gid());
        }
    }
}
