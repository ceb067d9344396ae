package org.vfscope.block.partition;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.vfscope.block.partition.GptHeader.InvalidGpt;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.VfsException;

/**
 * Reads a GUID partition table behind a protective MBR (efi.c find_valid_gpt): the primary header
 * at LBA 1 if it and its entry array check out, else the backup header at the last LBA.
 */
final class GptParser {
    /** Largest entry array read (the usual one is 16 KiB): bounds memory for a hostile header. */
    static final long MAX_ENTRIES_BYTES = 1 << 20;
    private static final int NAME_OFFSET = 56;
    private static final int NAME_BYTES = 72;
    private static final long LEGACY_BIOS_BOOTABLE = 1L << 2;

    /** A header whose entries were read and checked. */
    private record Valid(GptHeader header, ByteBuffer entries) {
    }

    /** The outcome of trying one header: a valid one, or why not and whether it was an I/O error. */
    private record Attempt(Valid valid, String why, boolean ioError) {
    }

    private final SectorReader disk;
    private final long lastLba;
    private final Problems problems = new Problems();

    private GptParser(SectorReader disk) {
        this.disk = disk;
        this.lastLba = disk.sectors() - 1;
    }

    /** EUCLEAN when neither header is usable (EIO when neither could even be read). */
    static GptTable parse(SectorReader disk) {
        return new GptParser(disk).parse();
    }

    private GptTable parse() {
        Attempt primary = attempt(1);
        boolean usedBackup = primary.valid == null;
        Valid used;
        if (!usedBackup) {
            used = primary.valid;
            checkBackup(used.header);
        } else {
            Attempt backup = attempt(lastLba);
            if (backup.valid == null) {
                Errno errno = primary.ioError && backup.ioError ? Errno.EIO : Errno.EUCLEAN;
                throw new VfsException(errno, disk.name(), "no valid GPT: primary " + primary.why
                        + "; backup " + backup.why);
            }
            problems.add("primary GPT " + primary.why + "; using the backup");
            used = backup.valid;
        }
        List<Partition> partitions = entries(used);
        Overlaps.note(partitions, problems);
        return new GptTable(used.header.diskGuid(), usedBackup, partitions, problems.list());
    }

    /** The backup is only checked (efi.c compare_gpts), so damage there is reported while it is still harmless. */
    private void checkBackup(GptHeader primary) {
        long at = lastLba;
        if (primary.alternateLba() != lastLba) {
            problems.add("backup GPT header is not at the last LBA (" + lastLba + ") but at "
                    + Long.toUnsignedString(primary.alternateLba()));
            if (primary.alternateLba() > 1 && disk.holds(primary.alternateLba(), 1)) {
                at = primary.alternateLba(); // e.g. an image grown after partitioning: the backup stayed behind
            }
        }
        Attempt backup = attempt(at);
        if (backup.valid == null) {
            problems.add("backup GPT " + backup.why);
        } else if (backup.valid.header.entriesCrc() != primary.entriesCrc()) {
            problems.add("primary and backup GPT partition entries differ; using the primary");
        }
    }

    private Attempt attempt(long lba) {
        try {
            return new Attempt(read(lba), null, false);
        } catch (InvalidGpt e) {
            return new Attempt(null, e.getMessage(), false);
        } catch (VfsException e) {
            return new Attempt(null, "header unreadable (" + e.getMessage() + ")", true);
        }
    }

    private Valid read(long lba) {
        if (lba < 1 || !disk.holds(lba, 1)) {
            throw new InvalidGpt("header at LBA " + lba + " lies beyond the end of the disk");
        }
        GptHeader h = GptHeader.parse(disk.read(lba, 1), lba);
        if (Long.compareUnsigned(h.firstUsableLba(), h.lastUsableLba()) > 0
                || !disk.holds(h.firstUsableLba(), 1) || !disk.holds(h.lastUsableLba(), 1)) {
            throw new InvalidGpt("header's usable LBAs " + Long.toUnsignedString(h.firstUsableLba()) + "-"
                    + Long.toUnsignedString(h.lastUsableLba()) + " lie outside the disk");
        }
        if (h.entryCount() == 0 || h.entriesBytes() > MAX_ENTRIES_BYTES) {
            throw new InvalidGpt("partition entry array of " + h.entryCount() + " x " + h.entrySize()
                    + " bytes is empty or larger than " + MAX_ENTRIES_BYTES);
        }
        int bytes = (int) h.entriesBytes();
        int sectors = (bytes + disk.sectorSize() - 1) / disk.sectorSize();
        if (h.entriesLba() < 2 || !disk.holds(h.entriesLba(), sectors)) {
            throw new InvalidGpt("partition entry array at LBA " + Long.toUnsignedString(h.entriesLba())
                    + " lies beyond the end of the disk");
        }
        ByteBuffer entries = disk.read(h.entriesLba(), sectors);
        if (GptHeader.crc32(entries, 0, bytes, -1) != h.entriesCrc()) {
            throw new InvalidGpt("partition entry array CRC mismatch");
        }
        return new Valid(h, entries);
    }

    private List<Partition> entries(Valid valid) {
        GptHeader h = valid.header;
        List<Partition> partitions = new ArrayList<>();
        for (int i = 0; i < h.entryCount(); i++) {
            int at = (int) (i * h.entrySize());
            if (Guids.isZero(valid.entries, at)) {
                continue; // an unused slot
            }
            int number = i + 1;
            long first = valid.entries.getLong(at + 32);
            long last = valid.entries.getLong(at + 40);
            if (Long.compareUnsigned(first, last) > 0 || !disk.holds(first, 1) || !disk.holds(last, 1)) {
                problems.add("partition " + number + " (LBA " + Long.toUnsignedString(first) + "-"
                        + Long.toUnsignedString(last) + ") lies beyond the end of the disk or ends before it starts;"
                        + " skipped");
                continue;
            }
            if (first < h.firstUsableLba() || last > h.lastUsableLba()) {
                problems.add("partition " + number + " lies outside the usable LBAs " + h.firstUsableLba() + "-"
                        + h.lastUsableLba());
            }
            String typeId = Guids.text(Guids.read(valid.entries, at));
            long attributes = valid.entries.getLong(at + 48);
            partitions.add(new Partition(number, first * disk.sectorSize(), (last - first + 1) * disk.sectorSize(),
                    GptTypes.nameOf(typeId), typeId, name(valid.entries, at), (attributes & LEGACY_BIOS_BOOTABLE) != 0));
        }
        return partitions;
    }

    /** UTF-16LE, up to the first NUL; 36 code units in the standard 128-byte entry. */
    private static String name(ByteBuffer entries, int at) {
        byte[] raw = new byte[NAME_BYTES];
        entries.get(at + NAME_OFFSET, raw);
        int end = 0;
        while (end < NAME_BYTES && (raw[end] != 0 || raw[end + 1] != 0)) {
            end += 2;
        }
        return new String(raw, 0, end, StandardCharsets.UTF_16LE);
    }
}
