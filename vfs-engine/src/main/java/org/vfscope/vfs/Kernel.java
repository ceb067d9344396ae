package org.vfscope.vfs;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.vfscope.fs.ramfs.RamfsType;
import org.vfscope.block.BlockDevice;
import org.vfscope.block.BlockIoEvent;
import org.vfscope.block.InstrumentedDevice;
import org.vfscope.block.IoStats;
import org.vfscope.mm.BlockDeviceMapping;
import org.vfscope.mm.BufferCache;
import org.vfscope.mm.FolioFlag;
import org.vfscope.mm.PageCache;
import org.vfscope.mm.VmTunables;
import org.vfscope.mm.Writeback;
import org.vfscope.trace.BlockIo;
import org.vfscope.trace.CacheCounters;
import org.vfscope.trace.CacheShrink;
import org.vfscope.trace.EventRing;
import org.vfscope.trace.TraceSink;
import org.vfscope.vfs.dcache.DentryStats;
import org.vfscope.vfs.icache.InodeStats;
import org.vfscope.vfs.dcache.Dcache;
import org.vfscope.vfs.dcache.Dentry;
import org.vfscope.vfs.icache.InodeCache;
import org.vfscope.vfs.lock.LockClass;

/**
 * One running VFS: the filesystem registry, the dentry and inode caches, writeback, the mount
 * namespace and the clock. Everything global in the Linux kernel is an instance field here, so
 * tests and the workbench can run several kernels side by side.
 */
public final class Kernel {
    /** Events the trace ring holds before the oldest are dropped (ftrace's buffer_size_kb). */
    public static final int TRACE_CAPACITY = 65_536;

    private final KernelClock clock;
    /** Always on: bounded, and an offer is O(1); see {@link #setTracing}. */
    private final EventRing trace;
    private volatile boolean tracing;
    /** The block-trace listener of each device opened with {@link #openBlockDevice}; guarded by this. */
    private final Map<BufferCache, Consumer<BlockIoEvent>> ioTracers = new IdentityHashMap<>();
    private final FileSystemRegistry filesystems = new FileSystemRegistry();
    private final InodeCache icache = new InodeCache();
    private final Dcache dcache = new Dcache(icache);
    private final Writeback writeback;
    private final MountNamespace namespace = new MountNamespace();
    private final VmTunables tunables = new VmTunables();
    private final PageCache pageCache = new PageCache(tunables);
    /** The "bdev" pseudo filesystem holding block device inodes (blockdev_superblock). */
    private static final FileSystemType BDEV_FS = new FileSystemType() {
        @Override
        public String name() {
            return "bdev";
        }

        @Override
        public SuperBlock mount(Kernel kernel, String source, int sbFlags, MountOptions options) {
            throw new VfsException(Errno.EINVAL, "bdev", "cannot be mounted");
        }
    };
    private SuperBlock bdevSuper;
    private long nextBdevIno = 1;
    private final List<BlockDevice> blockDevices = new ArrayList<>();
    private final java.util.Map<String, BlockDevice> namedDevices = new java.util.LinkedHashMap<>();
    private final Set<SuperBlock> superBlocks = new LinkedHashSet<>();
    /** Cache bounds standing in for memory pressure; see {@link #reclaimIfOverLimits()}. */
    private static final long SHRINK_BATCH = 128;
    private volatile long maxDentries = 100_000;
    private volatile long maxInodes = 100_000;

    public Kernel(KernelClock clock) {
        this(clock, TRACE_CAPACITY);
    }

    /** A kernel whose trace ring holds {@code traceCapacity} events. */
    public Kernel(KernelClock clock, int traceCapacity) {
        this.clock = clock;
        this.trace = new EventRing(traceCapacity);
        this.writeback = new Writeback(this);
        icache.setWriteback(writeback);
        pageCache.setWritebackStarter(writeback::startBackgroundWriteback);
        setTracing(true);
    }

    /**
     * start_kernel in miniature: a kernel with the built-in filesystems registered and a ramfs
     * mounted as the root ("rootfs").
     */
    public static Kernel boot(KernelClock clock) {
        return boot(clock, TRACE_CAPACITY);
    }

    /** {@link #boot(KernelClock)} with a trace ring of {@code traceCapacity} events. */
    public static Kernel boot(KernelClock clock, int traceCapacity) {
        Kernel kernel = new Kernel(clock, traceCapacity);
        kernel.filesystems().register(new RamfsType());
        org.vfscope.fs.ext.ExtFileSystemType.registerAll(kernel);
        kernel.mountRoot(RamfsType.NAME, "rootfs", null);
        return kernel;
    }

    public static Kernel boot() {
        return boot(KernelClock.system());
    }

    public KernelClock clock() {
        return clock;
    }

    /**
     * The trace ring every tracepoint writes into: lookups (when {@link #setTraceLookups} is on),
     * dentry, inode and page state changes, block I/O, writeback, throttling and shrinking.
     */
    public EventRing trace() {
        return trace;
    }

    /**
     * Turns every tracepoint on or off. Off, a tracepoint costs one volatile read and builds no
     * event (whereas {@link EventRing#setEnabled} still lets the engine build them).
     */
    public void setTracing(boolean on) {
        TraceSink sink = on ? trace : null;
        tracing = on;
        dcache.setTrace(sink, clock);
        icache.setTrace(sink, clock);
        pageCache.setTrace(sink, clock);
        writeback.setTrace(sink);
    }

    public boolean isTracing() {
        return tracing;
    }

    /**
     * Dcache lookups are the hottest path (tens of ns per component), so they are traced only
     * while someone watches them, e.g. the workbench's dcache view. Off by default.
     */
    public void setTraceLookups(boolean on) {
        dcache.setTraceLookups(on);
    }

    public boolean isTracingLookups() {
        return dcache.isTracingLookups();
    }

    /**
     * Adds a block device under {@code name} (as /dev/NAME would name it), so that filesystems
     * can be mounted from it with that name as the mount source. EEXIST if the name is taken.
     */
    public synchronized void addBlockDevice(String name, BlockDevice device) {
        if (namedDevices.containsKey(name)) {
            throw new VfsException(Errno.EEXIST, name, "a block device of that name exists");
        }
        namedDevices.put(name, device);
    }

    /** The block device a mount source names; ENXIO if there is none (as for a missing /dev node). */
    public synchronized BlockDevice blockDevice(String name) {
        BlockDevice d = namedDevices.get(name);
        if (d == null) {
            throw new VfsException(Errno.ENXIO, name, "no such block device");
        }
        return d;
    }

    /** Removes a device name; the device itself stays open for whoever holds it. */
    public synchronized void removeBlockDevice(String name) {
        namedDevices.remove(name);
    }

    /**
     * bdev_open: a block device as the kernel holds it: an inode in the "bdev" pseudo
     * filesystem whose page cache is the buffer cache. Filesystems on the device read their
     * metadata through the returned cache.
     */
    public synchronized BufferCache openBlockDevice(BlockDevice device, int blockSize) {
        if (bdevSuper == null) {
            bdevSuper = new SuperBlock(this, BDEV_FS, dentry -> new StatFs(0x62646576L, 4096, 0, 0, 0, 0, 0, 0, 0,
                    4096, 0), "bdev", 0);
            superBlocks.add(bdevSuper);
        }
        BlockDeviceMapping inode = new BlockDeviceMapping(bdevSuper, nextBdevIno++, device);
        icache.insertHash(inode);
        bdevSuper.inodes().add(inode);
        blockDevices.add(device);
        BufferCache cache = new BufferCache(inode, blockSize);
        if (device instanceof InstrumentedDevice instrumented) {
            Consumer<BlockIoEvent> tracer = e -> traceBlockIo(device.name(), e);
            instrumented.addListener(tracer);
            ioTracers.put(cache, tracer);
        }
        return cache;
    }

    /** block_rq_complete into the trace ring. */
    private void traceBlockIo(String device, BlockIoEvent e) {
        if (tracing) {
            trace.offer(new BlockIo(e.startNanos(), device, e.offset(), e.length(), e.write(), e.latencyNanos(),
                    e.originIno(), e.error() == null ? null : e.error().name()));
        }
    }

    /** Writes back and forgets a device opened with {@link #openBlockDevice}. */
    public synchronized void closeBlockDevice(BufferCache cache) {
        cache.sync();
        BlockDeviceMapping inode = cache.inode();
        writeback.removeFromLists(inode);
        inode.mapping().truncatePages(0);
        icache.unhash(inode);
        bdevSuper.inodes().remove(inode);
        blockDevices.remove(cache.device());
        Consumer<BlockIoEvent> tracer = ioTracers.remove(cache);
        if (tracer != null && cache.device() instanceof InstrumentedDevice instrumented) {
            instrumented.removeListener(tracer);
        }
    }

    /** The page cache's LRU lists, workingset and counters. */
    public PageCache pageCache() {
        return pageCache;
    }

    /** /proc/sys/vm: the page cache and writeback tunables. */
    public VmTunables tunables() {
        return tunables;
    }

    /** The counters a scenario step reports, sampled now. */
    public CacheCounters counters() {
        DentryStats d = dcache.stats();
        InodeStats i = icache.stats();
        long dirtyInodes = 0;
        for (SuperBlock sb : superBlocks()) {
            dirtyInodes += writeback.dirtyInodeCount(sb);
        }
        PageCache pc = pageCache;
        return new CacheCounters(d.nrDentry(), d.nrUnused(), d.nrNegative(), i.nrInodes(), dirtyInodes,
                pc.nrPages(), pc.nrActive(), pc.nrInactive(), pc.countFlag(FolioFlag.REFERENCED), pc.nrDirty(),
                pc.nrWriteback(), pc.drainReadaheadWindows(), blockRequests(false), blockRequests(true),
                pc.refaults(), pc.evictions());
    }

    /** Read or write requests on every instrumented device the kernel has open. */
    private synchronized long blockRequests(boolean writes) {
        long n = 0;
        for (BlockDevice d : blockDevices) {
            if (d instanceof InstrumentedDevice i) {
                IoStats st = i.stats();
                n += writes ? st.writes() : st.reads();
            }
        }
        return n;
    }

    public FileSystemRegistry filesystems() {
        return filesystems;
    }

    public Dcache dcache() {
        return dcache;
    }

    public InodeCache icache() {
        return icache;
    }

    public Writeback writeback() {
        return writeback;
    }

    public MountNamespace namespace() {
        return namespace;
    }

    /** Every live superblock (the kernel's super_blocks list), a copy. */
    public synchronized List<SuperBlock> superBlocks() {
        return new ArrayList<>(superBlocks);
    }

    /**
     * Mounts the root filesystem (init_mount_tree). EBUSY if there is one already.
     */
    public Mount mountRoot(String type, String source, String options) {
        synchronized (namespace) {
            if (namespace.root() != null) {
                throw new VfsException(Errno.EBUSY, "/", "root already mounted");
            }
            Mount mnt = newMount(type, source, options);
            namespace.setRoot(mnt);
            return mnt;
        }
    }

    /**
     * do_new_mount: a new mount of {@code type} on {@code where}, which must be a directory.
     * The caller holds a reference on {@code where}; the mount takes its own.
     */
    public Mount mount(Path where, String type, String source, String options) {
        if (!where.dentry().isDir()) {
            throw new VfsException(Errno.ENOTDIR, where.dentry().pathFromRoot());
        }
        if (where.dentry().isDead() || !where.dentry().isHashed() && !where.dentry().isRoot()) {
            throw new VfsException(Errno.ENOENT, where.dentry().pathFromRoot());
        }
        Mount mnt = newMount(type, source, options);
        synchronized (namespace) {
            where.dentry().get();
            namespace.attach(mnt, where);
            dcache.setMounted(where.dentry(), true);
        }
        return mnt;
    }

    private Mount newMount(String typeName, String source, String options) {
        FileSystemType type = filesystems.lookup(typeName);
        MountOptions opts = MountOptions.parse(options);
        int flags = opts.mountFlags();
        SuperBlock sb = type.mount(this, source, flags & MountFlags.RDONLY, opts);
        synchronized (this) {
            superBlocks.add(sb);
        }
        return new Mount(sb, sb.root().get(), source, flags);
    }

    /**
     * do_umount for the mount at its root {@code mnt}: EBUSY while anything is mounted below it
     * or anything pins it (open files, working directories), EINVAL for the namespace root.
     */
    public void umount(Mount mnt) {
        synchronized (namespace) {
            if (mnt == namespace.root()) {
                throw new VfsException(Errno.EBUSY, "/", "cannot unmount the root");
            }
            if (namespace.hasChildren(mnt)) {
                throw new VfsException(Errno.EBUSY, mnt.source(), "a filesystem is mounted below it");
            }
            if (mnt.users() > 0) {
                throw new VfsException(Errno.EBUSY, mnt.source(), "in use");
            }
            Dentry mountpoint = mnt.mountpoint();
            namespace.detach(mnt);
            if (!namespace.isMountpoint(mountpoint)) {
                dcache.setMounted(mountpoint, false);
            }
            mountpoint.put();
        }
        mnt.root().put();
        SuperBlock sb = mnt.sb();
        if (namespace.mountsOf(sb).isEmpty()) {
            synchronized (this) {
                superBlocks.remove(sb);
            }
            sb.type().killSuper(sb);
        }
    }

    /**
     * do_remount: new generic flags for the mount and new options for the superblock. Going
     * read-only fails with EBUSY while files are open for writing.
     */
    public void remount(Mount mnt, String options) {
        SuperBlock sb = mnt.sb();
        MountOptions opts = MountOptions.parse(options, mnt.flags() | (sb.flags() & MountFlags.RDONLY));
        int flags = opts.mountFlags();
        boolean goingRo = (flags & MountFlags.RDONLY) != 0 && !sb.isReadOnly();
        sb.sUmount().lockExclusive(LockClass.S_UMOUNT);
        try {
            if (goingRo) {
                for (Mount m : namespace.mountsOf(sb)) {
                    if (m.writers() > 0) {
                        throw new VfsException(Errno.EBUSY, mnt.source(), "files are open for writing");
                    }
                }
                writeback.syncInodes(sb);
            }
            sb.ops().remountFs(sb, flags & MountFlags.RDONLY, opts);
            sb.setFlags((sb.flags() & ~MountFlags.RDONLY) | (flags & MountFlags.RDONLY));
            mnt.setFlags(flags);
        } finally {
            sb.sUmount().unlockExclusive();
        }
    }

    /** The options field of /proc/mounts for {@code mnt}: generic flags, then show_options. */
    public String showOptions(Mount mnt) {
        StringBuilder sb = new StringBuilder(MountFlags.show(mnt.flags()
                | (mnt.sb().isReadOnly() ? MountFlags.RDONLY : 0)));
        mnt.sb().ops().showOptions(mnt.sb(), sb);
        return sb.toString();
    }

    /** /proc/mounts: "source mountpoint type options 0 0" per mount. */
    public List<String> procMounts() {
        List<String> lines = new ArrayList<>();
        for (Mount m : namespace.mounts()) {
            lines.add(m.source() + " " + mountpointPath(m) + " " + m.sb().type().name() + " "
                    + showOptions(m) + " 0 0");
        }
        return lines;
    }

    /** The absolute path at which {@code mnt} is mounted. */
    public String mountpointPath(Mount mnt) {
        return dPath(new Path(mnt, mnt.root()), null);
    }

    /**
     * d_path: the name of {@code path} seen from {@code root} (or from the namespace root when
     * null), climbing through mountpoints to parent mounts.
     */
    public static String dPath(Path path, Path root) {
        List<String> parts = new ArrayList<>();
        Mount m = path.mnt();
        Dentry d = path.dentry();
        for (int guard = 0; guard < 100_000; guard++) {
            if (root != null && d == root.dentry() && m == root.mnt()) {
                break;
            }
            if (d == m.root()) {
                if (m.parent() == m) {
                    break;
                }
                d = m.mountpoint();
                m = m.parent();
                continue;
            }
            parts.add(d.name());
            d = d.parent();
        }
        java.util.Collections.reverse(parts);
        return "/" + String.join("/", parts);
    }

    /** sync_filesystem: write every dirty inode and page, then ->sync_fs. */
    public void syncFilesystem(SuperBlock sb) {
        writeback.syncInodes(sb);
        sb.ops().syncFs(sb, true);
    }

    /** sync(2): every writable filesystem. */
    public void sync() {
        for (SuperBlock sb : superBlocks()) {
            if (!sb.isReadOnly() && !sb.isFrozen()) {
                syncFilesystem(sb);
            }
        }
    }

    /**
     * super_cache_scan: asks one superblock to free up to {@code nrToScan} objects, split between
     * its dentry and inode LRUs in proportion to their sizes, dentries first. Returns freed.
     */
    public long shrinkSuper(SuperBlock sb, long nrToScan) {
        return shrinkSuper(sb, nrToScan, CacheShrink.Trigger.SHRINKER);
    }

    private long shrinkSuper(SuperBlock sb, long nrToScan, CacheShrink.Trigger trigger) {
        long dentries = dcache.lruCount(sb);
        long inodes = icache.lruCount(sb);
        long total = dentries + inodes + 1;
        long dentriesToScan = multFrac(nrToScan, dentries, total);
        long inodesToScan = multFrac(nrToScan, inodes, total);
        // "+ 1": always scan at least one object of each kind, as super_cache_scan does.
        long freed = dcache.prune(sb, dentriesToScan + 1, trigger);
        freed += icache.prune(sb, inodesToScan + 1, trigger);
        return freed;
    }

    /** mult_frac: x * n / d without overflowing. */
    private static long multFrac(long x, long n, long d) {
        return (x / d) * n + ((x % d) * n) / d;
    }

    /** shrink_slab over every superblock. */
    public long shrinkAll(long nrToScanEach) {
        long freed = 0;
        for (SuperBlock sb : superBlocks()) {
            freed += shrinkSuper(sb, nrToScanEach);
        }
        return freed;
    }

    /**
     * Bounds the dentry and inode caches. Linux bounds them by memory: when allocations press,
     * the shrinkers run. Here exceeding a bound is the pressure. Changeable while running.
     */
    public void setCacheLimits(long maxDentries, long maxInodes) {
        if (maxDentries < 1 || maxInodes < 1) {
            throw new VfsException(Errno.EINVAL, "cache limits", "must be at least 1");
        }
        this.maxDentries = maxDentries;
        this.maxInodes = maxInodes;
    }

    public long maxDentries() {
        return maxDentries;
    }

    public long maxInodes() {
        return maxInodes;
    }

    /**
     * Memory pressure: while a cache is over its bound, the superblock shrinkers scan in batches
     * (SHRINK_BATCH, 128 objects, or twice the excess if more), until the bound holds or a pass
     * frees nothing (everything left is in use). Called at the end of each system call, when the
     * caller holds no lock, so shrinking never waits on a lock the caller has.
     */
    public void reclaimIfOverLimits() {
        for (int pass = 0; pass < 16; pass++) {
            long excess = Math.max(dcache.nrDentry() - maxDentries, icache.nrInodes() - maxInodes);
            if (excess <= 0 || shrinkAll(Math.max(SHRINK_BATCH, 2 * excess)) == 0) {
                return;
            }
        }
    }

    /**
     * drop_caches: 1 frees clean page cache, 2 frees reclaimable dentries and inodes, 3 both.
     */
    public void dropCaches(int mode) {
        if (mode < 1 || mode > 3) {
            throw new VfsException(Errno.EINVAL, "drop_caches", "must be 1, 2 or 3");
        }
        long pagesScanned = 0;
        long pagesFreed = 0;
        for (SuperBlock sb : superBlocks()) {
            if ((mode & 1) != 0) {
                for (Inode inode : new ArrayList<>(sb.inodes())) {
                    pagesScanned += inode.mapping().nrpages();
                    pagesFreed += inode.mapping().invalidateClean();
                }
            }
            if ((mode & 2) != 0) {
                // drop_slab: each pass scans twice what the LRUs hold (shrink_slab at priority
                // 0), so a REFERENCED entry is rotated once and then freed; repeat while a pass
                // still frees something (stolen pages let inodes go on the next pass).
                for (int pass = 0; pass < 64; pass++) {
                    long objects = dcache.lruCount(sb) + (long) icache.lruCount(sb);
                    if (objects == 0 || shrinkSuper(sb, 2 * objects, CacheShrink.Trigger.DROP_CACHES) == 0) {
                        break;
                    }
                }
            }
        }
        if ((mode & 1) != 0 && tracing) {
            trace.offer(new CacheShrink(clock.nanoTime(), CacheShrink.Cache.PAGES, CacheShrink.Trigger.DROP_CACHES,
                    pagesScanned, pagesFreed));
        }
    }
}
