package org.vfscope.fs.ext;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The allocators' bitmap scan, which skips whole words and bytes of set bits, against a bit-by-bit scan. */
class ExtBitmapScanTest {

    private static int naive(byte[] b, int from, int to) {
        for (int bit = from; bit < to; bit++) {
            if (!ExtBlockAllocator.test(b, bit)) {
                return bit;
            }
        }
        return -1;
    }

    @Test
    void nextZeroFindsTheSameBitAsABitByBitScan() {
        Random rnd = new Random(42);
        for (int round = 0; round < 2000; round++) {
            byte[] b = new byte[1 + rnd.nextInt(64)];
            java.util.Arrays.fill(b, (byte) 0xff);
            for (int k = rnd.nextInt(4); k > 0; k--) {
                ExtBlockAllocator.clear(b, rnd.nextInt(b.length * 8));
            }
            int from = rnd.nextInt(b.length * 8);
            int to = from + rnd.nextInt(b.length * 8 - from + 1);
            assertThat(ExtBlockAllocator.nextZero(b, from, to)).as("round %d: [%d, %d)", round, from, to)
                    .isEqualTo(naive(b, from, to));
        }
    }

    @Test
    void aClearBitJustPastTheRangeIsNotFound() {
        byte[] b = new byte[16];
        java.util.Arrays.fill(b, (byte) 0xff);
        ExtBlockAllocator.clear(b, 64);
        assertThat(ExtBlockAllocator.nextZero(b, 0, 64)).isEqualTo(-1);
        assertThat(ExtBlockAllocator.nextZero(b, 0, 65)).isEqualTo(64);
    }
}
