package org.vfscope.mm;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.vfscope.vfs.Inode;

/**
 * {@code struct bdi_writeback}: the dirty-inode lists of one backing device, oldest dirtying
 * first. Guarded by {@link Writeback}'s list lock ({@code wb->list_lock}).
 */
public final class BdiWriteback {
    /** The list an inode is queued on ({@code i_io_list}). */
    public enum IoList { B_DIRTY, B_IO, B_MORE_IO, B_DIRTY_TIME }

    final Set<Inode> bDirty = new LinkedHashSet<>();
    final Set<Inode> bIo = new LinkedHashSet<>();
    final Set<Inode> bMoreIo = new LinkedHashSet<>();
    final Set<Inode> bDirtyTime = new LinkedHashSet<>();

    Set<Inode> list(IoList which) {
        return switch (which) {
            case B_DIRTY -> bDirty;
            case B_IO -> bIo;
            case B_MORE_IO -> bMoreIo;
            case B_DIRTY_TIME -> bDirtyTime;
        };
    }

    /** Removes the inode from whichever list holds it (inode_io_list_del). */
    void remove(Inode inode) {
        bDirty.remove(inode);
        bIo.remove(inode);
        bMoreIo.remove(inode);
        bDirtyTime.remove(inode);
    }

    /** Which list holds the inode, or null. */
    IoList listOf(Inode inode) {
        for (IoList l : IoList.values()) {
            if (list(l).contains(inode)) {
                return l;
            }
        }
        return null;
    }

    List<Inode> all() {
        List<Inode> out = new ArrayList<>(bIo);
        out.addAll(bMoreIo);
        out.addAll(bDirty);
        out.addAll(bDirtyTime);
        return out;
    }
}
