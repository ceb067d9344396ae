package org.vfscope.trace;

import org.vfscope.mm.BdiWriteback;

/** The writeback list an inode is queued on ({@code i_io_list}), or NONE when it is clean. */
public enum InodeIoList {
    NONE,
    B_DIRTY,
    B_IO,
    B_MORE_IO,
    B_DIRTY_TIME;

    /** From the engine's list, where null means none. */
    public static InodeIoList of(BdiWriteback.IoList list) {
        if (list == null) {
            return NONE;
        }
        return switch (list) {
            case B_DIRTY -> B_DIRTY;
            case B_IO -> B_IO;
            case B_MORE_IO -> B_MORE_IO;
            case B_DIRTY_TIME -> B_DIRTY_TIME;
        };
    }
}
