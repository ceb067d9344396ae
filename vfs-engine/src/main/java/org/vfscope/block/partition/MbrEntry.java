package org.vfscope.block.partition;

import java.nio.ByteBuffer;

/**
 * One 16-byte slot of an MBR or EBR (struct msdos_partition); the CHS fields are ignored, as
 * Linux ignores them.
 *
 * @param start in sectors (unsigned 32 bits), relative to whatever the table is relative to
 * @param count in sectors (unsigned 32 bits); 0 means the slot is unused
 */
record MbrEntry(int bootIndicator, int type, long start, long count) {
    static final int TABLE_OFFSET = 446;
    static final int SLOTS = 4;
    static final int GPT_PROTECTIVE = 0xEE;

    /** Slot {@code slot} (0-3) of the table in {@code sector}. */
    static MbrEntry read(ByteBuffer sector, int slot) {
        int at = TABLE_OFFSET + 16 * slot;
        return new MbrEntry(sector.get(at) & 0xFF, sector.get(at + 4) & 0xFF,
                Integer.toUnsignedLong(sector.getInt(at + 8)), Integer.toUnsignedLong(sector.getInt(at + 12)));
    }

    /** The 0x55 0xAA that ends every MBR and EBR. */
    static boolean hasSignature(ByteBuffer sector) {
        return (sector.get(510) & 0xFF) == 0x55 && (sector.get(511) & 0xFF) == 0xAA;
    }

    boolean isUsed() {
        return count != 0;
    }

    /** DOS, Win95 (LBA) and Linux extended partitions, the three the kernel follows. */
    boolean isExtended() {
        return type == 0x05 || type == 0x0F || type == 0x85;
    }

    String typeId() {
        return String.format("0x%02x", type);
    }
}
