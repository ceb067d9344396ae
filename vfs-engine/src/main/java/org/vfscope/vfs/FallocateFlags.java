package org.vfscope.vfs;

/** fallocate(2) modes (include/uapi/linux/falloc.h). */
public final class FallocateFlags {
    public static final int FALLOC_FL_KEEP_SIZE = 0x01;
    public static final int FALLOC_FL_PUNCH_HOLE = 0x02;
    public static final int FALLOC_FL_ZERO_RANGE = 0x10;

    private FallocateFlags() {
    }
}
