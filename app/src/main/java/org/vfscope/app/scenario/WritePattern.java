package org.vfscope.app.scenario;

/**
 * The bytes a {@code write} step writes: the byte at file offset {@code o} is
 * {@code (o * 31 + 7) & 0xff}. It depends only on the offset, so rewriting a range writes the same
 * bytes and any range can be checked on its own; 31 is odd, so the pattern repeats every 256 bytes
 * without repeating within them.
 */
public final class WritePattern {

    private WritePattern() {
    }

    public static byte at(long offset) {
        return (byte) ((offset * 31 + 7) & 0xff);
    }

    /** Fills {@code buf[0, len)} with the bytes for file offsets [offset, offset + len). */
    public static void fill(byte[] buf, int len, long offset) {
        for (int i = 0; i < len; i++) {
            buf[i] = at(offset + i);
        }
    }
}
