package org.vfscope.fs.ext;

/**
 * What a logical block of a file maps to: {@code physical} (0 for a hole), and for how many
 * blocks from there the answer holds. An unwritten (preallocated) extent maps to blocks that
 * must read as zeros.
 */
public record BlockMapping(long physical, long count, boolean unwritten) {

    public static BlockMapping hole(long count) {
        return new BlockMapping(0, Math.max(1, count), false);
    }

    public boolean isHole() {
        return physical == 0;
    }

    /** Whether reading it gives zeros without touching the device. */
    public boolean readsAsZeros() {
        return physical == 0 || unwritten;
    }
}
