package org.vfscope.block.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

/**
 * The reference tools (sfdisk, sgdisk, mke2fs, mkfs.vfat, dd) that build test disks and judge our
 * reading of them, plus byte-level edits for damaging a disk on purpose. {@code .ci/run} installs
 * the tools; a missing one fails the test with the package to install.
 */
final class DiskTools {
    static final int SECTOR = 512;
    private static final ObjectMapper JSON = new ObjectMapper();

    private DiskTools() {
    }

    /** A sparse zero-filled image of {@code size} bytes. */
    static Path blankImage(Path dir, String name, long size) {
        Path image = dir.resolve(name);
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.truncate(0);
            ch.write(ByteBuffer.allocate(1), size - 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return image;
    }

    /** Runs {@code command} with {@code stdin}; returns its stdout, failing the test on a non-zero exit. */
    static String runWithInput(String stdin, String... command) {
        List<String> cmd = new ArrayList<>(List.of(command));
        cmd.set(0, resolve(cmd.get(0)));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(String.join(" ", cmd) + " timed out");
            }
            if (p.exitValue() != 0) {
                fail(String.join(" ", cmd) + " exited " + p.exitValue() + ": " + new String(err, StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static String run(String... command) {
        return runWithInput("", command);
    }

    /** Finds a tool on PATH or in the sbin directories that a non-root PATH often lacks. */
    private static String resolve(String tool) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin"));
        for (String dir : dirs) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return Path.of(dir, tool).toString();
            }
        }
        return fail(tool + " not found: install its package (fdisk, gdisk, e2fsprogs, dosfstools), as .ci/run does");
    }

    /** sfdisk's own reading of the table, its "partitiontable" object. */
    static JsonNode sfdiskJson(Path image) {
        try {
            return JSON.readTree(run("sfdisk", "--json", image.toString())).get("partitiontable");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Linux partition number of an sfdisk node: "disk.img7" -> 7. */
    static int numberOf(JsonNode sfdiskPartition, Path image) {
        return Integer.parseInt(sfdiskPartition.get("node").asText().substring(image.toString().length()));
    }

    /** Writes {@code text} at byte {@code offset} with dd, as a user would mark a partition. */
    static void ddMarker(Path image, long offset, String text) {
        assertThat(offset % SECTOR).isZero();
        runWithInput(text, "dd", "of=" + image, "bs=" + SECTOR, "seek=" + offset / SECTOR, "conv=notrunc", "status=none");
    }

    static byte[] readBytes(Path image, long offset, int length) {
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(length);
            ch.read(buf, offset);
            return buf.array();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void writeBytes(Path image, long offset, byte[] bytes) {
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(bytes), offset);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Inverts every bit of the byte at {@code offset}. */
    static void flipByte(Path image, long offset) {
        byte[] b = readBytes(image, offset, 1);
        b[0] ^= (byte) 0xFF;
        writeBytes(image, offset, b);
    }

    /**
     * Recomputes the CRCs of the GPT header in {@code disk} at byte {@code header} (entry array first,
     * then the header), so an edit looks like a deliberate, consistent table rather than damage.
     */
    static void resealGpt(byte[] disk, int header) {
        ByteBuffer h = ByteBuffer.wrap(disk).order(ByteOrder.LITTLE_ENDIAN);
        long entriesLba = h.getLong(header + 72);
        long entriesBytes = Integer.toUnsignedLong(h.getInt(header + 80)) * Integer.toUnsignedLong(h.getInt(header + 84));
        if (entriesLba >= 0 && entriesBytes <= (1 << 20) && entriesLba * SECTOR + entriesBytes <= disk.length) {
            CRC32 crc = new CRC32();
            crc.update(disk, (int) (entriesLba * SECTOR), (int) entriesBytes);
            h.putInt(header + 88, (int) crc.getValue());
        }
        int size = h.getInt(header + 12);
        if (size >= 92 && size <= SECTOR) {
            h.putInt(header + 16, 0);
            CRC32 crc = new CRC32();
            crc.update(disk, header, size);
            h.putInt(header + 16, (int) crc.getValue());
        }
    }
}
