package org.vfscope.trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.vfscope.vfs.Inode;
import org.vfscope.vfs.Kernel;
import org.vfscope.vfs.SuperBlock;
import org.vfscope.vfs.dcache.Dentry;
import org.vfscope.vfs.dcache.DentryFlag;
import org.vfscope.vfs.dcache.DentryStats;

/**
 * Takes a {@link DcacheSnapshot}: one pass over the dentry trees under the dcache lock that only
 * copies fields into arrays; the records are built after the lock is released, so path walks
 * wait for the copy alone. A dentry whose fields all agree with its record in the previous
 * snapshot gets that record again (records are immutable): a steady frame allocates little.
 */
public final class DcacheSnapshots {
    private static final int PAR_LOOKUP = 1 << DentryFlag.PAR_LOOKUP.ordinal();

    private DcacheSnapshots() {
    }

    public static DcacheSnapshot take(Kernel kernel) {
        return take(kernel, kernel.superBlocks());
    }

    static DcacheSnapshot take(Kernel kernel, List<SuperBlock> sbs) {
        Copy c = new Copy((int) Math.min(Integer.MAX_VALUE - 8, kernel.dcache().nrDentry() + 16));
        DentryStats stats = kernel.dcache().copyForSnapshot(sbs, c::add);
        List<DentryInfo> out = new ArrayList<>(c.size);
        int lastBits = -1;
        java.util.Set<DentryFlag> lastFlags = null;
        for (int i = 0; i < c.size; i++) {
            Inode inode = c.inodes[i];
            int count = c.counts[i];
            int flags = c.flags[i];
            if (lastFlags == null || flags != lastBits) { // neighbours mostly share their flags
                lastBits = flags;
                lastFlags = Flags.ofBits(DentryFlag.class, flags);
            }
            DentryState state = DentryState.of(count, (flags & PAR_LOOKUP) != 0, c.hashed[i],
                    c.parentIds[i] == c.ids[i], inode != null);
            long ino = inode == null ? -1 : inode.ino();
            DentryInfo info = c.memos[i] instanceof DentryInfo m && m.id() == c.ids[i] && m.parentId() == c.parentIds[i]
                    && m.name() == c.names[i] && m.dev() == c.devs[i] && m.ino() == ino && m.state() == state
                    && m.count() == count && m.flags() == lastFlags && m.lruPosition() == c.lru[i] ? m : null;
            if (info == null) {
                info = new DentryInfo(c.ids[i], c.parentIds[i], c.names[i], c.devs[i], ino, state, count, lastFlags,
                        c.lru[i]);
                c.dentries[i].setSnapshotMemo(info);
            }
            out.add(info);
        }
        return new DcacheSnapshot(out, stats);
    }

    /**
     * What is read under the lock: the fields that change, by reference or value, and the ids
     * and device while the dentry is at hand (reading them later would fetch 100k dentries again).
     */
    private static final class Copy {
        Dentry[] dentries;
        Object[] memos;
        long[] ids;
        long[] parentIds;
        long[] devs;
        String[] names;
        Inode[] inodes;
        int[] counts;
        int[] flags;
        int[] lru;
        boolean[] hashed;
        int size;

        Copy(int capacity) {
            allocate(Math.max(16, capacity));
        }

        private void allocate(int n) {
            dentries = dentries == null ? new Dentry[n] : Arrays.copyOf(dentries, n);
            memos = memos == null ? new Object[n] : Arrays.copyOf(memos, n);
            ids = ids == null ? new long[n] : Arrays.copyOf(ids, n);
            parentIds = parentIds == null ? new long[n] : Arrays.copyOf(parentIds, n);
            devs = devs == null ? new long[n] : Arrays.copyOf(devs, n);
            names = names == null ? new String[n] : Arrays.copyOf(names, n);
            inodes = inodes == null ? new Inode[n] : Arrays.copyOf(inodes, n);
            counts = counts == null ? new int[n] : Arrays.copyOf(counts, n);
            flags = flags == null ? new int[n] : Arrays.copyOf(flags, n);
            lru = lru == null ? new int[n] : Arrays.copyOf(lru, n);
            hashed = hashed == null ? new boolean[n] : Arrays.copyOf(hashed, n);
        }

        void add(Dentry d, int lruPosition) {
            if (size == ids.length) {
                allocate(size * 2);
            }
            dentries[size] = d;
            memos[size] = d.snapshotMemo();
            ids[size] = d.id();
            parentIds[size] = d.parent().id();
            devs[size] = d.sb().dev();
            names[size] = d.name();
            inodes[size] = d.inode();
            counts[size] = d.count();
            flags[size] = d.flagBits();
            lru[size] = lruPosition;
            hashed[size] = d.isHashed();
            size++;
        }
    }
}
