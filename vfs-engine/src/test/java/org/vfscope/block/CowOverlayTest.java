package org.vfscope.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vfscope.block.TestImages.assertErrno;
import static org.vfscope.block.TestImages.contents;
import static org.vfscope.block.TestImages.image;
import static org.vfscope.block.TestImages.overwrite;
import static org.vfscope.block.TestImages.pattern;
import static org.vfscope.block.TestImages.read;
import static org.vfscope.block.TestImages.sha256;
import static org.vfscope.block.TestImages.write;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfscope.vfs.Errno;

class CowOverlayTest {
    private static final int SIZE = 64 * 1024;

    @TempDir
    Path dir;

    private final byte[] original = pattern(SIZE, 1);

    @Test
    void readsFallThroughToTheBase() {
        try (CowOverlay cow = CowOverlay.open(image(dir, "a.img", original))) {
            assertThat(read(cow, 0, SIZE)).isEqualTo(original);
            assertThat(cow.name()).isEqualTo("overlay of a.img");
            assertThat(cow.isReadOnly()).isFalse();
        }
    }

    @Test
    void readsSeeWritesBeforeCommitWhileTheFileStaysUnchanged() {
        Path img = image(dir, "a.img", original);
        byte[] data = pattern(10_000, 2);
        try (CowOverlay cow = CowOverlay.open(img)) {
            write(cow, 5000, data);
            assertThat(read(cow, 0, SIZE)).isEqualTo(overwrite(original, 5000, data));
            assertThat(contents(img)).isEqualTo(original);
        }
    }

    @Test
    void discardLeavesTheFileByteIdentical() {
        Path img = image(dir, "a.img", original);
        String before = sha256(img);
        try (CowOverlay cow = CowOverlay.open(img)) {
            write(cow, 0, pattern(SIZE, 2));
            cow.flush();
            cow.discard();
            assertThat(cow.isDirty()).isFalse();
            assertThat(read(cow, 0, SIZE)).isEqualTo(original);
        }
        assertThat(sha256(img)).isEqualTo(before);
    }

    @Test
    void closingWithoutCommitLeavesTheFileByteIdentical() {
        Path img = image(dir, "a.img", original);
        String before = sha256(img);
        try (CowOverlay cow = CowOverlay.open(img)) {
            write(cow, 100, pattern(3000, 2));
        }
        assertThat(sha256(img)).isEqualTo(before);
    }

    @Test
    void commitMakesTheFileEqualToWhatWasWritten() {
        Path img = image(dir, "a.img", original);
        byte[] first = pattern(6000, 2);
        byte[] second = pattern(100, 3);
        byte[] expected = overwrite(overwrite(original, 1234, first), SIZE - 100, second);
        try (CowOverlay cow = CowOverlay.open(img)) {
            write(cow, 1234, first);
            write(cow, SIZE - 100, second);
            cow.commit();
            assertThat(cow.isDirty()).isFalse();
            assertThat(cow.dirtyBytes()).isZero();
            assertThat(read(cow, 0, SIZE)).isEqualTo(expected);
        }
        assertThat(contents(img)).isEqualTo(expected);
    }

    @Test
    void commitIntoAReadOnlyBaseFailsWithErofsAndKeepsTheWrites() {
        Path img = image(dir, "a.img", original);
        byte[] data = pattern(512, 2);
        try (CowOverlay cow = new CowOverlay(FileBlockDevice.open(img, false))) {
            write(cow, 0, data);
            assertErrno(Errno.EROFS, cow::commit);
            assertThat(cow.isDirty()).isTrue();
            assertThat(read(cow, 0, 512)).isEqualTo(data);
        }
        assertThat(contents(img)).isEqualTo(original);
    }

    @Test
    void commitWritesThroughAWritableBase() {
        Path img = image(dir, "a.img", original);
        byte[] data = pattern(512, 2);
        try (CowOverlay cow = new CowOverlay(FileBlockDevice.open(img, true))) {
            write(cow, 4096, data);
            assertThat(contents(img)).isEqualTo(original);
            cow.commit();
        }
        assertThat(contents(img)).isEqualTo(overwrite(original, 4096, data));
    }

    @Test
    void saveAsWritesBasePlusWritesAndLeavesTheBaseUntouched() {
        Path img = image(dir, "a.img", original);
        Path copy = dir.resolve("copy.img");
        String before = sha256(img);
        byte[] data = pattern(3000, 2);
        try (CowOverlay cow = CowOverlay.open(img)) {
            write(cow, 777, data);
            cow.saveAs(copy);
            assertThat(cow.isDirty()).as("the overlay still applies to the base").isTrue();
        }
        assertThat(contents(copy)).isEqualTo(overwrite(original, 777, data));
        assertThat(sha256(img)).isEqualTo(before);
    }

    @Test
    void saveAsKeepsZeroRegionsAndTheFullLength() {
        byte[] mostlyZero = new byte[3 * 1024 * 1024 + 1000];
        mostlyZero[5] = 1;
        Path img = image(dir, "zero.img", mostlyZero);
        Path copy = dir.resolve("copy.img");
        byte[] data = pattern(10, 2);
        try (CowOverlay cow = CowOverlay.open(img)) {
            write(cow, 2 * 1024 * 1024 + 4090, data);
            cow.saveAs(copy);
        }
        assertThat(contents(copy)).isEqualTo(overwrite(mostlyZero, 2 * 1024 * 1024 + 4090, data));
    }

    @Test
    void saveAsReplacesAnExistingFile() throws IOException {
        Path img = image(dir, "a.img", original);
        Path copy = Files.write(dir.resolve("copy.img"), new byte[] {1, 2, 3});
        try (CowOverlay cow = CowOverlay.open(img)) {
            cow.saveAs(copy);
        }
        assertThat(contents(copy)).isEqualTo(original);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a.img", "copy.img");
        }
    }

    @Test
    void saveAsReportsProgressUpToTheSize() {
        long[] done = new long[1];
        try (CowOverlay cow = CowOverlay.open(image(dir, "a.img", original))) {
            cow.saveAs(dir.resolve("copy.img"), bytes -> done[0] = bytes);
        }
        assertThat(done[0]).isEqualTo(SIZE);
    }

    @Test
    void saveAsIntoAMissingDirectoryFailsWithEnoent() {
        try (CowOverlay cow = CowOverlay.open(image(dir, "a.img", original))) {
            assertErrno(Errno.ENOENT, () -> cow.saveAs(dir.resolve("no/such/dir/copy.img")));
        }
    }

    @Test
    void concurrentWritesToDistinctRegionsAllLand() throws InterruptedException {
        byte[] expected = original.clone();
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int region = t * (SIZE / 4);
            byte[] data = pattern(SIZE / 4 - 100, 10 + t);
            System.arraycopy(data, 0, expected, region + 50, data.length);
            writers.add(new Thread(() -> {
                for (int i = 0; i < data.length; i += 1000) { // small unaligned writes, many chunks shared
                    cowUnderTest.write(region + 50 + i, ByteBuffer.wrap(data, i, Math.min(1000, data.length - i)));
                    cowUnderTest.read(region, ByteBuffer.allocate(SIZE / 4));
                }
            }));
        }
        try (CowOverlay cow = CowOverlay.open(image(dir, "a.img", original))) {
            cowUnderTest = cow;
            writers.forEach(Thread::start);
            for (Thread w : writers) {
                w.join();
            }
            assertThat(read(cow, 0, SIZE)).isEqualTo(expected);
        }
    }

    private volatile CowOverlay cowUnderTest;

    @Test
    void partialChunkWriteAtAnUnalignedOffsetKeepsTheRestOfBothChunks() {
        byte[] data = pattern(10, 2);
        try (CowOverlay cow = CowOverlay.open(image(dir, "a.img", original))) {
            write(cow, 4090, data); // 6 bytes in chunk 0, 4 in chunk 1
            assertThat(read(cow, 0, 3 * 4096)).isEqualTo(Arrays.copyOf(overwrite(original, 4090, data), 3 * 4096));
            assertThat(cow.dirtyBytes()).isEqualTo(2 * 4096);
        }
    }

    @Test
    void secondWriteIntoACopiedChunkKeepsTheFirst() {
        byte[] a = pattern(100, 2);
        byte[] b = pattern(100, 3);
        try (CowOverlay cow = CowOverlay.open(image(dir, "a.img", original))) {
            write(cow, 8200, a);
            write(cow, 9000, b);
            assertThat(read(cow, 8192, 4096))
                    .isEqualTo(Arrays.copyOfRange(overwrite(overwrite(original, 8200, a), 9000, b), 8192, 8192 + 4096));
            assertThat(cow.dirtyBytes()).isEqualTo(4096);
        }
    }

    @Test
    void readSpanningWrittenAndUnwrittenChunksMergesThem() {
        byte[] a = pattern(4096, 2);
        byte[] b = pattern(50, 3);
        byte[] expected = overwrite(overwrite(original, 4096, a), 20_000, b);
        try (CowOverlay cow = CowOverlay.open(image(dir, "a.img", original))) {
            write(cow, 4096, a);
            write(cow, 20_000, b);
            assertThat(read(cow, 100, 30_000)).isEqualTo(Arrays.copyOfRange(expected, 100, 30_100));
        }
    }

    @Test
    void readsAreNeverCopiedIntoTheOverlay() {
        try (CowOverlay cow = CowOverlay.open(image(dir, "a.img", original))) {
            read(cow, 0, SIZE);
            assertThat(cow.isDirty()).isFalse();
            assertThat(cow.dirtyBytes()).isZero();
        }
    }

    @Test
    void aPartialLastChunkCountsOnlyItsBytes() {
        byte[] odd = pattern(5000, 4);
        byte[] data = pattern(3, 5);
        try (CowOverlay cow = CowOverlay.open(image(dir, "odd.img", odd))) {
            write(cow, 4997, data);
            assertThat(cow.dirtyBytes()).isEqualTo(5000 - 4096);
            assertThat(read(cow, 4096, 904)).isEqualTo(Arrays.copyOfRange(overwrite(odd, 4997, data), 4096, 5000));
            cow.commit();
        }
        assertThat(contents(dir.resolve("odd.img"))).isEqualTo(overwrite(odd, 4997, data));
    }

    @Test
    void aLargeSparseImageOpensWithoutBeingReadAndItsLastBlockWorks() throws IOException {
        Path img = dir.resolve("big.img");
        long size = 1L << 30;
        try (RandomAccessFile raf = new RandomAccessFile(img.toFile(), "rw")) {
            raf.setLength(size);
        }
        byte[] data = pattern(512, 2);
        try (CowOverlay cow = CowOverlay.open(img)) {
            assertThat(cow.size()).isEqualTo(size);
            assertThat(read(cow, size - 512, 512)).isEqualTo(new byte[512]);
            write(cow, size - 512, data);
            assertThat(read(cow, size - 512, 512)).isEqualTo(data);
            assertThat(cow.dirtyBytes()).isEqualTo(4096);
        }
        assertThat(Files.size(img)).isEqualTo(size);
    }

    @Test
    void writeBeyondTheEndFailsWithEioAndLeavesTheOverlayClean() {
        try (CowOverlay cow = CowOverlay.open(image(dir, "a.img", original))) {
            assertErrno(Errno.EIO, () -> write(cow, SIZE - 10, new byte[20]));
            assertThat(cow.isDirty()).isFalse();
        }
    }

    @Test
    void theOverlayFileExistsOnlyFromTheFirstWriteUntilClose() throws IOException {
        Set<Path> before = overlayFiles();
        CowOverlay cow = CowOverlay.open(image(dir, "a.img", original));
        assertThat(overlayFiles()).isEqualTo(before);
        write(cow, 0, new byte[] {1});
        Set<Path> created = overlayFiles();
        created.removeAll(before);
        assertThat(created).hasSize(1);
        cow.close();
        assertThat(created).allSatisfy(p -> assertThat(p).doesNotExist());
    }

    @Test
    void writesAfterDiscardStartAFreshOverlay() {
        byte[] a = pattern(4096, 2);
        byte[] b = pattern(100, 3);
        try (CowOverlay cow = CowOverlay.open(image(dir, "a.img", original))) {
            write(cow, 0, a);
            cow.discard();
            write(cow, 8192, b);
            assertThat(read(cow, 0, SIZE)).isEqualTo(overwrite(original, 8192, b));
            assertThat(cow.dirtyBytes()).isEqualTo(4096);
        }
    }

    @Test
    void closeClosesTheBaseAndLaterRequestsFailWithEio() {
        FileBlockDevice base = FileBlockDevice.open(image(dir, "a.img", original), false);
        CowOverlay cow = new CowOverlay(base);
        cow.close();
        assertErrno(Errno.EIO, () -> base.read(0, ByteBuffer.allocate(1)));
        assertErrno(Errno.EIO, () -> cow.read(0, ByteBuffer.allocate(1)));
    }

    @Test
    void chunkSizeMustBeAPowerOfTwo() {
        try (FileBlockDevice base = FileBlockDevice.open(image(dir, "a.img", original), false)) {
            assertErrno(Errno.EINVAL, () -> new CowOverlay(base, 3000, null));
        }
    }

    private static Set<Path> overlayFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("vfscope-cow-"))
                    .collect(Collectors.toSet());
        }
    }
}
