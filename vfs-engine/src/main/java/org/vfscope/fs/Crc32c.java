package org.vfscope.fs;

/**
 * lib/crc32c in the kernel's raw form: {@code crc32c(seed, data)} without the pre/post inversion
 * of the standard CRC-32C (java.util.zip.CRC32C computes {@code ~crc32c(~0, data)}), so that seeds
 * chain as the kernel's do. ext4's metadata_csum and jbd2's csum v2/v3 both use it.
 */
public final class Crc32c {
    /** The Castagnoli polynomial, reflected. */
    private static final int POLY32C = 0x82F63B78;
    private static final int[] TABLE = table(POLY32C);
    /** Below this many bytes the table loop is cheaper than setting up java.util.zip.CRC32C. */
    private static final int TABLE_MAX = 64;

    private Crc32c() {
    }

    /**
     * crc32c_le(crc, data[off, off+len)). Long inputs (bitmaps, directory and extent blocks) go
     * through java.util.zip.CRC32C, which the JVM runs on the CPU's crc32 instruction; it always
     * starts from ~0, so a four-byte prefix is fed first that brings its state to {@code crc}.
     */
    public static int crc32c(int crc, byte[] data, int off, int len) {
        if (len < TABLE_MAX) {
            return crc32cTable(crc, data, off, len);
        }
        java.util.zip.CRC32C c = new java.util.zip.CRC32C();
        c.update(seedPrefix(crc), 0, 4);
        c.update(data, off, len);
        return ~(int) c.getValue(); // getValue is ~state: the raw state back
    }

    /** The same function byte by byte (the reference for the fast path, and for short inputs). */
    public static int crc32cTable(int crc, byte[] data, int off, int len) {
        int c = crc;
        for (int i = off; i < off + len; i++) {
            c = TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
        }
        return c;
    }

    /**
     * Four bytes that take the CRC state from ~0 to {@code seed}. Feeding the little-endian bytes
     * of p from state c is the same as feeding 32 zero bits from state c ^ p, so p is ~0 xor the
     * state 32 zero-bit steps before {@code seed} (each step run backwards: a set top bit can only
     * come from the polynomial, whose top bit is set, after shifting out a 1).
     */
    static byte[] seedPrefix(int seed) {
        int c = seed;
        for (int k = 0; k < 32; k++) {
            c = c < 0 ? ((c ^ POLY32C) << 1) | 1 : c << 1;
        }
        int p = ~c;
        return new byte[] {(byte) p, (byte) (p >>> 8), (byte) (p >>> 16), (byte) (p >>> 24)};
    }

    public static int crc32c(int crc, byte[] data) {
        return crc32c(crc, data, 0, data.length);
    }

    private static int[] table(int poly) {
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
}
