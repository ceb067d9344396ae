package org.vfscope.fs.ext;

import org.vfscope.vfs.Errno;
import org.vfscope.vfs.VfsException;

/**
 * Little-endian field reads and writes of on-disk structures. Every read is bounds-checked: an offset
 * computed from corrupt data becomes a typed EUCLEAN, never an ArrayIndexOutOfBoundsException.
 */
final class Le {
    private Le() {
    }

    static int u8(byte[] b, int off) {
        check(b, off, 1);
        return b[off] & 0xff;
    }

    static int u16(byte[] b, int off) {
        check(b, off, 2);
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8;
    }

    /** An unsigned 32-bit field, widened to a long. */
    static long u32(byte[] b, int off) {
        return s32(b, off) & 0xffffffffL;
    }

    static int s32(byte[] b, int off) {
        check(b, off, 4);
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }

    static long u64(byte[] b, int off) {
        return u32(b, off) | u32(b, off + 4) << 32;
    }

    static byte[] slice(byte[] b, int off, int len) {
        check(b, off, len);
        byte[] out = new byte[len];
        System.arraycopy(b, off, out, 0, len);
        return out;
    }

    static byte[] le32(long v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    static byte[] le64(long v) {
        byte[] out = new byte[8];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (v >>> (8 * i));
        }
        return out;
    }

    static void put8(byte[] b, int off, long v) {
        check(b, off, 1);
        b[off] = (byte) v;
    }

    static void put16(byte[] b, int off, long v) {
        check(b, off, 2);
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
    }

    static void put32(byte[] b, int off, long v) {
        check(b, off, 4);
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }

    private static void check(byte[] b, int off, int len) {
        if (off < 0 || len < 0 || off > b.length - len) {
            throw new VfsException(Errno.EUCLEAN, "ext", "field at offset " + off + " (+" + len
                    + ") lies outside its " + b.length + "-byte structure");
        }
    }
}
