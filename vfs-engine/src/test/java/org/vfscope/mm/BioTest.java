package org.vfscope.mm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfscope.block.BlockDevices;
import org.vfscope.block.InstrumentedDevice;
import org.vfscope.vfs.KernelClock;

/** A bio moves contiguous segments in one request and keeps every byte where it belongs. */
class BioTest {
    @TempDir
    Path dir;

    private InstrumentedDevice device(int pages) throws Exception {
        byte[] image = new byte[pages * Folio.PAGE_SIZE];
        for (int i = 0; i < image.length; i++) {
            image[i] = (byte) (i / Folio.PAGE_SIZE + 1);
        }
        Path img = Files.write(dir.resolve("img"), image);
        return BlockDevices.openImage(img, BlockDevices.OpenMode.READ_WRITE, new KernelClock.Manual(Instant.EPOCH));
    }

    @Test
    void contiguousSegmentsAreReadInOneRequestAndScatteredToTheirBuffers() throws Exception {
        try (InstrumentedDevice dev = device(8)) {
            byte[][] pages = new byte[3][Folio.PAGE_SIZE];
            Bio bio = new Bio();
            bio.add(2L * Folio.PAGE_SIZE, pages[0], 0, Folio.PAGE_SIZE);
            bio.add(3L * Folio.PAGE_SIZE, pages[1], 0, Folio.PAGE_SIZE);
            bio.add(6L * Folio.PAGE_SIZE, pages[2], 0, Folio.PAGE_SIZE); // not contiguous: a second request

            bio.submitRead(dev);

            assertThat(dev.stats().reads()).isEqualTo(2);
            assertThat(pages[0]).containsOnly((byte) 3);
            assertThat(pages[1]).containsOnly((byte) 4);
            assertThat(pages[2]).containsOnly((byte) 7);
        }
    }

    @Test
    void contiguousSegmentsAreGatheredIntoOneWrite() throws Exception {
        try (InstrumentedDevice dev = device(8)) {
            byte[] a = new byte[Folio.PAGE_SIZE];
            byte[] b = new byte[2 * Folio.PAGE_SIZE];
            Arrays.fill(a, (byte) 0x55);
            Arrays.fill(b, (byte) 0x66);
            Bio bio = new Bio();
            bio.add(1L * Folio.PAGE_SIZE, a, 0, Folio.PAGE_SIZE);
            bio.add(2L * Folio.PAGE_SIZE, b, Folio.PAGE_SIZE, Folio.PAGE_SIZE); // the second half of b

            bio.submitWrite(dev);

            assertThat(dev.stats().writes()).isEqualTo(1);
            byte[] back = new byte[3 * Folio.PAGE_SIZE];
            dev.read(0, java.nio.ByteBuffer.wrap(back));
            assertThat(Arrays.copyOfRange(back, 0, Folio.PAGE_SIZE)).containsOnly((byte) 1);
            assertThat(Arrays.copyOfRange(back, Folio.PAGE_SIZE, 2 * Folio.PAGE_SIZE)).containsOnly((byte) 0x55);
            assertThat(Arrays.copyOfRange(back, 2 * Folio.PAGE_SIZE, 3 * Folio.PAGE_SIZE)).containsOnly((byte) 0x66);
        }
    }

    @Test
    void aRequestNeverExceedsTheBioLimit() throws Exception {
        int pages = Bio.MAX_BYTES / Folio.PAGE_SIZE + 1;
        try (InstrumentedDevice dev = device(pages)) {
            Bio bio = new Bio();
            byte[][] bufs = new byte[pages][Folio.PAGE_SIZE];
            for (int i = 0; i < pages; i++) {
                bio.add((long) i * Folio.PAGE_SIZE, bufs[i], 0, Folio.PAGE_SIZE);
            }

            bio.submitRead(dev);

            assertThat(dev.stats().reads()).isEqualTo(2);
            assertThat(bufs[pages - 1]).containsOnly((byte) pages);
        }
    }
}
