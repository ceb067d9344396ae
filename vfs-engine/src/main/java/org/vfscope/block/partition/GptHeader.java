package org.vfscope.block.partition;

import java.nio.ByteBuffer;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * The fields of a GPT header (gpt_header in efi.h) that locate and check the partition entries.
 * LBAs are unsigned 64-bit on disk; a value with the top bit set reads as negative here and fails
 * every range check.
 */
record GptHeader(long myLba, long alternateLba, long firstUsableLba, long lastUsableLba, UUID diskGuid,
                 long entriesLba, long entryCount, long entrySize, int entriesCrc) {
    static final long SIGNATURE = 0x5452415020494645L; // "EFI PART", little-endian
    static final int MIN_SIZE = 92;

    /**
     * Parses and checks the header in {@code sector}, read from {@code lba}, as efi.c's
     * is_gpt_valid does for everything but the entries.
     *
     * @throws InvalidGpt saying what is wrong
     */
    static GptHeader parse(ByteBuffer sector, long lba) {
        if (sector.getLong(0) != SIGNATURE) {
            throw new InvalidGpt("header signature missing");
        }
        long size = Integer.toUnsignedLong(sector.getInt(12));
        if (size < MIN_SIZE || size > sector.capacity()) {
            throw new InvalidGpt("header size " + size + " out of range");
        }
        int stored = sector.getInt(16);
        if (crc32(sector, 0, (int) size, 16) != stored) {
            throw new InvalidGpt("header CRC mismatch");
        }
        GptHeader h = new GptHeader(sector.getLong(24), sector.getLong(32), sector.getLong(40), sector.getLong(48),
                Guids.read(sector, 56), sector.getLong(72), Integer.toUnsignedLong(sector.getInt(80)),
                Integer.toUnsignedLong(sector.getInt(84)), sector.getInt(88));
        if (h.myLba != lba) {
            throw new InvalidGpt("header claims to be at LBA " + Long.toUnsignedString(h.myLba) + ", not " + lba);
        }
        // the UEFI spec's 128 * 2^n; also keeps an entry's fields inside it
        if (h.entrySize < 128 || Long.bitCount(h.entrySize) != 1) {
            throw new InvalidGpt("partition entry size " + h.entrySize + " is not 128 * 2^n");
        }
        return h;
    }

    /** The entry array's size in bytes; at most 2^32 * 2^31, so it never overflows. */
    long entriesBytes() {
        return entryCount * entrySize;
    }

    /** CRC32 (the EFI one is plain CRC-32) of {@code length} bytes, with the 4 at {@code zeroAt} taken as 0. */
    static int crc32(ByteBuffer buf, int from, int length, int zeroAt) {
        byte[] bytes = new byte[length];
        buf.get(from, bytes);
        if (zeroAt >= 0) {
            bytes[zeroAt] = bytes[zeroAt + 1] = bytes[zeroAt + 2] = bytes[zeroAt + 3] = 0;
        }
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return (int) crc.getValue();
    }

    /** Why a GPT header or its entries cannot be used; caught inside the package, never escapes it. */
    static final class InvalidGpt extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidGpt(String why) {
            super(why, null, false, false);
        }
    }
}
