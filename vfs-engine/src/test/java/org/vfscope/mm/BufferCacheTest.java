package org.vfscope.mm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfscope.block.BlockDevices;
import org.vfscope.block.InstrumentedDevice;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.Kernel;
import org.vfscope.vfs.KernelClock;
import org.vfscope.vfs.VfsException;
import org.vfscope.vfs.icache.InodeState;

/** Metadata blocks through the block device's own page cache. */
class BufferCacheTest {
    private static final int BLOCK = 1024;

    @TempDir
    Path dir;
    private Path image;
    private KernelClock.Manual clock;
    private Kernel kernel;
    private InstrumentedDevice device;
    private BufferCache cache;

    @BeforeEach
    void openImage() throws IOException {
        image = dir.resolve("disk.img");
        byte[] bytes = new byte[64 * BLOCK];
        for (int b = 0; b < 64; b++) {
            bytes[b * BLOCK] = (byte) b;
        }
        Files.write(image, bytes);
        clock = new KernelClock.Manual(Instant.parse("2026-01-01T00:00:00Z"));
        kernel = Kernel.boot(clock);
        device = BlockDevices.openImage(image, BlockDevices.OpenMode.COPY_ON_WRITE, clock);
        cache = kernel.openBlockDevice(device, BLOCK);
    }

    @Test
    void breadReturnsTheBlockFromTheDeviceAndCachesItsPage() {
        BufferHead bh = cache.bread(5);
        assertThat(bh.data().get(0)).isEqualTo((byte) 5);
        assertThat(bh.size()).isEqualTo(BLOCK);
        assertThat(bh.folio().lruList()).isEqualTo(LruList.INACTIVE);
        assertThat(bh.folio().test(FolioFlag.REFERENCED)).isTrue();
        long reads = device.stats().reads();
        cache.bread(6); // same 4 KiB page as block 5: no I/O
        assertThat(device.stats().reads()).isEqualTo(reads);
        assertThat(kernel.pageCache().nrPages()).isEqualTo(1);
        // __getblk touches every buffer it returns, so the second block read promotes the page.
        assertThat(bh.folio().lruList()).isEqualTo(LruList.ACTIVE);
    }

    @Test
    void aDirtiedBufferIsWrittenBackBySyncAndReachesTheDevice() {
        BufferHead bh = cache.bread(9);
        bh.lock();
        try {
            bh.data().put(1, (byte) 0x5a);
        } finally {
            bh.unlock();
        }
        cache.markDirty(bh);
        assertThat(cache.inode().hasState(InodeState.I_DIRTY_PAGES)).isTrue();
        assertThat(kernel.pageCache().nrDirty()).isEqualTo(1);

        kernel.sync();

        ByteBuffer onDisk = ByteBuffer.allocate(BLOCK);
        device.read(9L * BLOCK, onDisk);
        assertThat(onDisk.get(1)).isEqualTo((byte) 0x5a);
        assertThat(device.stats().writes()).isPositive();
        assertThat(kernel.counters().blockWrites()).isEqualTo(device.stats().writes());
    }

    @Test
    void dirtyMetadataIsWrittenByTheFlusherAfterThirtySeconds() {
        BufferHead bh = cache.bread(3);
        cache.markDirty(bh);
        clock.advanceMillis(29_000);
        assertThat(bh.isDirty()).isTrue();
        clock.advanceMillis(1_000);
        assertThat(bh.isDirty()).isFalse();
    }

    @Test
    void cleanBuffersAreDroppedByDropCaches() {
        cache.bread(0);
        cache.bread(40);
        kernel.dropCaches(1);
        assertThat(cache.inode().mapping().nrpages()).isZero();
    }

    @Test
    void aBlockBeyondTheDeviceIsEioAndNotRead() {
        long reads = device.stats().reads();
        assertThatThrownBy(() -> cache.bread(64)).isInstanceOf(VfsException.class)
                .extracting(e -> ((VfsException) e).errno()).isEqualTo(Errno.EIO);
        assertThatThrownBy(() -> cache.bread(-1)).isInstanceOf(VfsException.class);
        assertThat(device.stats().reads()).isEqualTo(reads);
    }

    @Test
    void aReadErrorOnTheDeviceReachesTheCallerAndLeavesNothingUptodate() {
        device.faults().failReads(8L * BLOCK, BLOCK);
        assertThatThrownBy(() -> cache.bread(8)).isInstanceOf(VfsException.class)
                .extracting(e -> ((VfsException) e).errno()).isEqualTo(Errno.EIO);
        device.faults().clear();
        assertThat(cache.bread(8).data().get(0)).isEqualTo((byte) 8);
    }

    @Test
    void theImageFileIsUntouchedUntilTheOverlayIsCommitted() throws IOException {
        byte[] before = Files.readAllBytes(image);
        BufferHead bh = cache.bread(2);
        cache.markDirty(bh);
        bh.lock();
        bh.data().put(0, (byte) 99);
        bh.unlock();
        kernel.sync();
        assertThat(Files.readAllBytes(image)).isEqualTo(before);
    }
}
