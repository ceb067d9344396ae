package org.vfscope.fs.ext;

import org.vfscope.fs.Crc32c;

/**
 * The two checksum functions ext2/3/4 use: the kernel's raw crc32c ({@link Crc32c}) for
 * metadata_csum, and lib/crc16.c's CRC-16 (polynomial 0x8005, reflected) for the older gdt_csum.
 */
final class Crc {
    private static final int[] CRC16 = table16(0xA001);

    private Crc() {
    }

    /** crc32c_le(crc, data[off, off+len)): see {@link Crc32c}. */
    static int crc32c(int crc, byte[] data, int off, int len) {
        return Crc32c.crc32c(crc, data, off, len);
    }

    static int crc32c(int crc, byte[] data) {
        return Crc32c.crc32c(crc, data, 0, data.length);
    }

    /** crc16(crc, data[off, off+len)), 16 bits in an int. */
    static int crc16(int crc, byte[] data, int off, int len) {
        int c = crc & 0xffff;
        for (int i = off; i < off + len; i++) {
            c = (c >>> 8) ^ CRC16[(c ^ data[i]) & 0xff];
        }
        return c & 0xffff;
    }

    private static int[] table16(int poly) {
        int[] t = new int[256];
        for (int n = 0; n < 256; n++) {
            int c = n;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ poly : c >>> 1;
            }
            t[n] = c & 0xffff;
        }
        return t;
    }
}
