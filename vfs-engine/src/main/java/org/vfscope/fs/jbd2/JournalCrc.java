package org.vfscope.fs.jbd2;

import org.vfscope.fs.Crc32c;

/**
 * The two checksums the journal uses: crc32c in the kernel's raw form ({@link Crc32c}, as
 * jbd2_chksum) for csum v2/v3, and the big-endian crc32 of lib/crc32.c
 * ({@code crc32_be}) for the old v1 commit-block checksum (JBD2_FEATURE_COMPAT_CHECKSUM).
 */
final class JournalCrc {
    private static final int[] CRC32_BE = normalTable(0x04C11DB7);

    private JournalCrc() {
    }

    static int crc32c(int crc, byte[] data, int off, int len) {
        return Crc32c.crc32c(crc, data, off, len);
    }

    static int crc32c(int crc, byte[] data) {
        return crc32c(crc, data, 0, data.length);
    }

    static int crc32Be(int crc, byte[] data) {
        int c = crc;
        for (byte d : data) {
            c = (c << 8) ^ CRC32_BE[((c >>> 24) ^ d) & 0xff];
        }
        return c;
    }

    private static int[] normalTable(int poly) {
        int[] t = new int[256];
        for (int n = 0; n < 256; n++) {
            int c = n << 24;
            for (int k = 0; k < 8; k++) {
                c = (c & 0x80000000) != 0 ? (c << 1) ^ poly : c << 1;
            }
            t[n] = c;
        }
        return t;
    }
}
