package org.vfscope.block.partition;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.UUID;

/** EFI GUIDs on disk: the first three fields little-endian, the last eight bytes as they are. */
final class Guids {
    private Guids() {
    }

    static UUID read(ByteBuffer buf, int at) {
        ByteBuffer le = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long d1 = Integer.toUnsignedLong(le.getInt(at));
        long d2 = le.getShort(at + 4) & 0xFFFFL;
        long d3 = le.getShort(at + 6) & 0xFFFFL;
        long tail = le.duplicate().order(ByteOrder.BIG_ENDIAN).getLong(at + 8);
        return new UUID(d1 << 32 | d2 << 16 | d3, tail);
    }

    static boolean isZero(ByteBuffer buf, int at) {
        return buf.getLong(at) == 0 && buf.getLong(at + 8) == 0;
    }

    /** The spelling sgdisk and sfdisk use. */
    static String text(UUID guid) {
        return guid.toString().toUpperCase(java.util.Locale.ROOT);
    }
}
