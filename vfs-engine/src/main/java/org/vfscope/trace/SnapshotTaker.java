package org.vfscope.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.vfscope.mm.Folio;
import org.vfscope.vfs.Inode;
import org.vfscope.vfs.Kernel;
import org.vfscope.vfs.SuperBlock;
import org.vfscope.vfs.dcache.Dentry;

/**
 * Takes {@link EngineSnapshot}s of one kernel and numbers them. Each cache is read under its own
 * lock, one after the other, so the engine is never held for longer than one read; the parts are
 * each consistent, not consistent with one another. Thread-safe.
 *
 * <p>Incremental: the caches record which objects changed ({@link ChangeLog}), and each snapshot
 * after the first reads only those and patches the previous one, sharing its unchanged chunks.
 * The first snapshot, one after a change log overflowed, or after the set of superblocks changed,
 * is a full copy. Objects remember their record for one taker per kernel, the one that took last;
 * a taker that finds another took since starts again with a full copy. {@link #full} makes a
 * taker that always copies everything and disturbs no other.
 */
public final class SnapshotTaker {
    private final Kernel kernel;
    private final boolean incremental;
    private final AtomicLong nextSeq = new AtomicLong();
    private final DcacheSnapshots.State dcache = new DcacheSnapshots.State();
    private final InodeSnapshots.State icache = new InodeSnapshots.State();
    private final PageCacheSnapshots.State pages = new PageCacheSnapshots.State();
    private List<Long> lastDevs;
    private long fullTakes;

    /** An incremental taker. */
    public SnapshotTaker(Kernel kernel) {
        this(kernel, true);
    }

    private SnapshotTaker(Kernel kernel, boolean incremental) {
        this.kernel = kernel;
        this.incremental = incremental;
    }

    /** A taker that copies every cache in full each time and leaves change logs and records alone. */
    public static SnapshotTaker full(Kernel kernel) {
        return new SnapshotTaker(kernel, false);
    }

    /** A snapshot with no events before it. */
    public EngineSnapshot take() {
        return take(0);
    }

    /** How many caches this taker copied in full (three per full snapshot): for tests and benchmarks. */
    public synchronized long fullTakes() {
        return fullTakes;
    }

    /** A snapshot; {@code eventSeq} is the event sequence number read just before it began. */
    public EngineSnapshot take(long eventSeq) {
        long time = kernel.clock().nanoTime();
        List<SuperBlock> sbs = kernel.superBlocks();
        List<SuperBlockInfo> sbInfos = new ArrayList<>(sbs.size());
        List<Long> devs = new ArrayList<>(sbs.size());
        for (SuperBlock sb : sbs) {
            Dentry root = sb.root();
            sbInfos.add(new SuperBlockInfo(sb.dev(), sb.id(), sb.type().name(), root == null ? -1 : root.id()));
            devs.add(sb.dev());
        }
        if (!incremental) {
            DcacheSnapshot dc = DcacheSnapshots.take(kernel, sbs);
            InodeSnapshots.Result in = InodeSnapshots.take(kernel, sbs);
            return new EngineSnapshot(nextSeq.getAndIncrement(), time, eventSeq, sbInfos, dc, in.icache(),
                    in.writeback(), PageCacheSnapshots.take(kernel));
        }
        // The dcache's log says whose records the objects hold, and its lock keeps takes apart.
        ChangeLog<Dentry> dlog = kernel.dcache().changes();
        synchronized (dlog.consumerLock()) {
            synchronized (this) {
                boolean fresh = dlog.consumer() != this || !devs.equals(lastDevs);
                dlog.setConsumer(this);
                lastDevs = devs;
                ChangeLog<Inode> ilog = kernel.icache().changes();
                ChangeLog<Folio> plog = kernel.pageCache().changes();
                dlog.enable();
                ilog.enable();
                plog.enable();
                // Drained before anything is read: a change made after the drain is seen now or next time.
                ChangeLog.Drained<Dentry> dd = dlog.drain();
                ChangeLog.Drained<Inode> id = ilog.drain();
                ChangeLog.Drained<Folio> pd = plog.drain();

                DcacheSnapshot dc = DcacheSnapshots.take(kernel, sbs, dcache,
                        fresh || dd.overflowed() ? counted(null) : dd.changed(), true);
                List<Inode> changedInodes = null;
                if (!fresh && !id.overflowed() && !pd.overflowed()) {
                    changedInodes = new ArrayList<>(id.changed());
                    for (Folio f : pd.changed()) { // a folio that came, went or changed flags changes its host's counts
                        changedInodes.add(f.mapping().host());
                    }
                }
                InodeSnapshots.Result in = InodeSnapshots.take(kernel, sbs, icache, counted(changedInodes), true);
                PageCacheSnapshot pc = PageCacheSnapshots.take(kernel, pages,
                        fresh || pd.overflowed() ? counted(null) : pd.changed(), true);
                return new EngineSnapshot(nextSeq.getAndIncrement(), time, eventSeq, sbInfos, dc, in.icache(),
                        in.writeback(), pc);
            }
        }
    }

    private <T> List<T> counted(List<T> changed) {
        if (changed == null) {
            fullTakes++;
        }
        return changed;
    }
}
