package org.vfscope.app.cli.image;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The parts of a buffer worth writing when copying a sparse file: runs of granules that are not
 * all zero. Skipping the rest leaves holes, as {@code cp --sparse=always} and {@code mke2fs -d} do.
 */
final class ZeroRuns {

    /** Bytes [start, end) of the buffer. */
    record Range(int start, int end) {
    }

    private static final byte[] ZEROS = new byte[65536];

    private ZeroRuns() {
    }

    /** The non-zero runs of {@code buf[0, length)}, in whole granules (the last may be short). */
    static List<Range> dataRanges(byte[] buf, int length, int granule) {
        List<Range> ranges = new ArrayList<>();
        int runStart = -1;
        for (int off = 0; off < length; off += granule) {
            int end = Math.min(off + granule, length);
            boolean zero = isZero(buf, off, end);
            if (!zero && runStart < 0) {
                runStart = off;
            } else if (zero && runStart >= 0) {
                ranges.add(new Range(runStart, off));
                runStart = -1;
            }
        }
        if (runStart >= 0) {
            ranges.add(new Range(runStart, length));
        }
        return ranges;
    }

    private static boolean isZero(byte[] buf, int from, int to) {
        if (to - from > ZEROS.length) {
            for (int off = from; off < to; off += ZEROS.length) {
                if (!isZero(buf, off, Math.min(to, off + ZEROS.length))) {
                    return false;
                }
            }
            return true;
        }
        return Arrays.mismatch(buf, from, to, ZEROS, 0, to - from) < 0; // vectorised, unlike a byte loop
    }
}
