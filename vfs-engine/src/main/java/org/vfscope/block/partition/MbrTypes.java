package org.vfscope.block.partition;

import java.util.Map;

/** Friendly names of MBR system ids, as fdisk prints them (libfdisk's dos_parttypes.h). */
final class MbrTypes {
    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(0x00, "Empty"),
            Map.entry(0x01, "FAT12"),
            Map.entry(0x04, "FAT16 <32M"),
            Map.entry(0x05, "Extended"),
            Map.entry(0x06, "FAT16"),
            Map.entry(0x07, "HPFS/NTFS/exFAT"),
            Map.entry(0x0B, "W95 FAT32"),
            Map.entry(0x0C, "W95 FAT32 (LBA)"),
            Map.entry(0x0E, "W95 FAT16 (LBA)"),
            Map.entry(0x0F, "W95 Ext'd (LBA)"),
            Map.entry(0x27, "Hidden NTFS WinRE"),
            Map.entry(0x82, "Linux swap / Solaris"),
            Map.entry(0x83, "Linux"),
            Map.entry(0x85, "Linux extended"),
            Map.entry(0x8E, "Linux LVM"),
            Map.entry(0xA5, "FreeBSD"),
            Map.entry(0xA6, "OpenBSD"),
            Map.entry(0xA9, "NetBSD"),
            Map.entry(0xEE, "GPT"),
            Map.entry(0xEF, "EFI (FAT-12/16/32)"),
            Map.entry(0xFD, "Linux raid autodetect"));

    private MbrTypes() {
    }

    static String nameOf(int type) {
        return NAMES.getOrDefault(type, "Unknown");
    }
}
