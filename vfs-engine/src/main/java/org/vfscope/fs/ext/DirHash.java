package org.vfscope.fs.ext;

/**
 * The htree name hashes (fs/ext4/hash.c, e2fsprogs lib/ext2fs/dirhash.c): legacy (dx_hack_hash),
 * half-MD4 and TEA, each with the name bytes taken as signed or unsigned chars, seeded by
 * s_hash_seed. Returns the major hash with bit 0 cleared, as the index stores it.
 */
public final class DirHash {
    public static final int LEGACY = 0;
    public static final int HALF_MD4 = 1;
    public static final int TEA = 2;
    public static final int LEGACY_UNSIGNED = 3;
    public static final int HALF_MD4_UNSIGNED = 4;
    public static final int TEA_UNSIGNED = 5;
    /** EXT4_HTREE_EOF_32BIT: the hash value reserved for end of directory. */
    private static final int HTREE_EOF_32 = 0x7fffffff;
    private static final int DELTA = 0x9E3779B9;

    private DirHash() {
    }

    /** Whether {@code version} is one this reader can compute. */
    public static boolean supported(int version) {
        return version >= LEGACY && version <= TEA_UNSIGNED;
    }

    /** The major hash of {@code name}; {@code seed} is s_hash_seed (all zero: the default seed). */
    public static int hash(int version, byte[] name, long[] seed) {
        int[] buf = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
        if (seed != null && (seed[0] | seed[1] | seed[2] | seed[3]) != 0) {
            for (int i = 0; i < 4; i++) {
                buf[i] = (int) seed[i];
            }
        }
        boolean unsigned = version >= LEGACY_UNSIGNED;
        int hash;
        switch (version) {
            case LEGACY, LEGACY_UNSIGNED -> hash = dxHack(name, unsigned);
            case HALF_MD4, HALF_MD4_UNSIGNED -> {
                int[] in = new int[8];
                for (int p = 0, len = name.length; len > 0; p += 32, len -= 32) {
                    str2hashbuf(name, p, len, in, 8, unsigned);
                    halfMd4(buf, in);
                }
                hash = buf[1];
            }
            case TEA, TEA_UNSIGNED -> {
                int[] in = new int[4];
                for (int p = 0, len = name.length; len > 0; p += 16, len -= 16) {
                    str2hashbuf(name, p, len, in, 4, unsigned);
                    tea(buf, in);
                }
                hash = buf[0];
            }
            default -> throw new IllegalArgumentException("hash version " + version);
        }
        hash &= ~1;
        if (hash == (HTREE_EOF_32 << 1)) {
            hash = (HTREE_EOF_32 - 1) << 1;
        }
        return hash;
    }

    private static int ch(byte b, boolean unsigned) {
        return unsigned ? b & 0xff : b;
    }

    private static int dxHack(byte[] name, boolean unsigned) {
        int hash0 = 0x12a3fe2d;
        int hash1 = 0x37abe8f9;
        for (byte b : name) {
            int hash = hash1 + (hash0 ^ (ch(b, unsigned) * 7152373));
            if ((hash & 0x80000000) != 0) {
                hash -= 0x7fffffff;
            }
            hash1 = hash0;
            hash0 = hash;
        }
        return hash0 << 1;
    }

    private static void str2hashbuf(byte[] msg, int off, int len, int[] buf, int num, boolean unsigned) {
        int pad = len | (len << 8);
        pad |= pad << 16;
        int val = pad;
        int n = Math.min(len, num * 4);
        int out = 0;
        int left = num;
        for (int i = 0; i < n; i++) {
            val = ch(msg[off + i], unsigned) + (val << 8);
            if (i % 4 == 3) {
                buf[out++] = val;
                val = pad;
                left--;
            }
        }
        if (--left >= 0) {
            buf[out++] = val;
        }
        while (--left >= 0) {
            buf[out++] = pad;
        }
    }

    private static void tea(int[] buf, int[] in) {
        int sum = 0;
        int b0 = buf[0];
        int b1 = buf[1];
        int a = in[0];
        int b = in[1];
        int c = in[2];
        int d = in[3];
        for (int n = 0; n < 16; n++) {
            sum += DELTA;
            b0 += ((b1 << 4) + a) ^ (b1 + sum) ^ ((b1 >>> 5) + b);
            b1 += ((b0 << 4) + c) ^ (b0 + sum) ^ ((b0 >>> 5) + d);
        }
        buf[0] += b0;
        buf[1] += b1;
    }

    private static final int K2 = 013240474631;
    private static final int K3 = 015666365641;

    private static int f(int x, int y, int z) {
        return z ^ (x & (y ^ z));
    }

    private static int g(int x, int y, int z) {
        return (x & y) + ((x ^ y) & z);
    }

    private static int h(int x, int y, int z) {
        return x ^ y ^ z;
    }

    /** halfMD4Transform: three rounds of MD4 over eight words. */
    private static void halfMd4(int[] buf, int[] in) {
        int a = buf[0];
        int b = buf[1];
        int c = buf[2];
        int d = buf[3];
        a = Integer.rotateLeft(a + f(b, c, d) + in[0], 3);
        d = Integer.rotateLeft(d + f(a, b, c) + in[1], 7);
        c = Integer.rotateLeft(c + f(d, a, b) + in[2], 11);
        b = Integer.rotateLeft(b + f(c, d, a) + in[3], 19);
        a = Integer.rotateLeft(a + f(b, c, d) + in[4], 3);
        d = Integer.rotateLeft(d + f(a, b, c) + in[5], 7);
        c = Integer.rotateLeft(c + f(d, a, b) + in[6], 11);
        b = Integer.rotateLeft(b + f(c, d, a) + in[7], 19);

        a = Integer.rotateLeft(a + g(b, c, d) + in[1] + K2, 3);
        d = Integer.rotateLeft(d + g(a, b, c) + in[3] + K2, 5);
        c = Integer.rotateLeft(c + g(d, a, b) + in[5] + K2, 9);
        b = Integer.rotateLeft(b + g(c, d, a) + in[7] + K2, 13);
        a = Integer.rotateLeft(a + g(b, c, d) + in[0] + K2, 3);
        d = Integer.rotateLeft(d + g(a, b, c) + in[2] + K2, 5);
        c = Integer.rotateLeft(c + g(d, a, b) + in[4] + K2, 9);
        b = Integer.rotateLeft(b + g(c, d, a) + in[6] + K2, 13);

        a = Integer.rotateLeft(a + h(b, c, d) + in[3] + K3, 3);
        d = Integer.rotateLeft(d + h(a, b, c) + in[7] + K3, 9);
        c = Integer.rotateLeft(c + h(d, a, b) + in[2] + K3, 11);
        b = Integer.rotateLeft(b + h(c, d, a) + in[6] + K3, 15);
        a = Integer.rotateLeft(a + h(b, c, d) + in[1] + K3, 3);
        d = Integer.rotateLeft(d + h(a, b, c) + in[5] + K3, 9);
        c = Integer.rotateLeft(c + h(d, a, b) + in[0] + K3, 11);
        b = Integer.rotateLeft(b + h(c, d, a) + in[4] + K3, 15);

        buf[0] += a;
        buf[1] += b;
        buf[2] += c;
        buf[3] += d;
    }
}
