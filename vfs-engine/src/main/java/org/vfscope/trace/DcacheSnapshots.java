package org.vfscope.trace;

import java.util.ArrayList;
import java.util.List;
import org.vfscope.vfs.Inode;
import org.vfscope.vfs.Kernel;
import org.vfscope.vfs.SuperBlock;
import org.vfscope.vfs.dcache.DentryFlag;
import org.vfscope.vfs.dcache.DentryStats;

/** Takes a {@link DcacheSnapshot}: one pass over the dentry trees under the dcache lock. */
public final class DcacheSnapshots {
    private DcacheSnapshots() {
    }

    public static DcacheSnapshot take(Kernel kernel) {
        return take(kernel, kernel.superBlocks());
    }

    static DcacheSnapshot take(Kernel kernel, List<SuperBlock> sbs) {
        List<DentryInfo> out = new ArrayList<>((int) Math.min(Integer.MAX_VALUE - 8, kernel.dcache().nrDentry() + 16));
        DentryStats stats = kernel.dcache().copyForSnapshot(sbs, (d, lruPosition) -> {
            Inode inode = d.inode();
            int count = d.count();
            boolean inLookup = d.hasFlag(DentryFlag.PAR_LOOKUP);
            DentryState state = DentryState.of(count, inLookup, d.isHashed(), d.isRoot(), inode != null);
            out.add(new DentryInfo(d.id(), d.parent().id(), d.name(), d.sb().dev(),
                    inode == null ? -1 : inode.ino(), state, count, d.flags(), lruPosition));
        });
        return new DcacheSnapshot(out, stats);
    }
}
