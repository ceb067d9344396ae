package org.vfscope.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.vfscope.vfs.Kernel;
import org.vfscope.vfs.SuperBlock;
import org.vfscope.vfs.dcache.Dentry;

/**
 * Takes {@link EngineSnapshot}s of one kernel and numbers them. Each cache is copied under its
 * own lock, one after the other, so the engine is never held for longer than one copy; the parts
 * are each consistent, not consistent with one another. Thread-safe.
 */
public final class SnapshotTaker {
    private final Kernel kernel;
    private final AtomicLong nextSeq = new AtomicLong();

    public SnapshotTaker(Kernel kernel) {
        this.kernel = kernel;
    }

    /** A snapshot with no events before it. */
    public EngineSnapshot take() {
        return take(0);
    }

    /** A snapshot; {@code eventSeq} is the event sequence number read just before it began. */
    public EngineSnapshot take(long eventSeq) {
        long time = kernel.clock().nanoTime();
        List<SuperBlock> sbs = kernel.superBlocks();
        List<SuperBlockInfo> sbInfos = new ArrayList<>(sbs.size());
        for (SuperBlock sb : sbs) {
            Dentry root = sb.root();
            sbInfos.add(new SuperBlockInfo(sb.dev(), sb.id(), sb.type().name(), root == null ? -1 : root.id()));
        }
        DcacheSnapshot dcache = DcacheSnapshots.take(kernel, sbs);
        InodeSnapshots.Result inodes = InodeSnapshots.take(kernel, sbs);
        return new EngineSnapshot(nextSeq.getAndIncrement(), time, eventSeq, sbInfos, dcache, inodes.icache(),
                inodes.writeback(), PageCacheSnapshots.take(kernel));
    }
}
