package org.vfscope.fs.jbd2;

/**
 * The two checksums the journal uses: crc32c in the kernel's raw form ({@code crc32c(seed, data)}
 * with no final inversion, as jbd2_chksum) for csum v2/v3, and the big-endian crc32 of lib/crc32.c
 * ({@code crc32_be}) for the old v1 commit-block checksum (JBD2_FEATURE_COMPAT_CHECKSUM).
 */
final class JournalCrc {
    private static final int[] CRC32C = reflectedTable(0x82F63B78);
    private static final int[] CRC32_BE = normalTable(0x04C11DB7);

    private JournalCrc() {
    }

    static int crc32c(int crc, byte[] data, int off, int len) {
        int c = crc;
        for (int i = off; i < off + len; i++) {
            c = CRC32C[(c ^ data[i]) & 0xff] ^ (c >>> 8);
        }
        return c;
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

    private static int[] reflectedTable(int poly) {
        int[] t = new int[256];
        for (int n = 0; n < 256; n++) {
            int c = n;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ poly : c >>> 1;
            }
            t[n] = c;
        }
        return t;
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
