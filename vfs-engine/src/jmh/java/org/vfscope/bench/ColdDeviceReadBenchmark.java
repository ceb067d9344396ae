package org.vfscope.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.vfscope.block.BlockDevices;
import org.vfscope.block.InstrumentedDevice;
import org.vfscope.mm.BufferCache;
import org.vfscope.vfs.Kernel;
import org.vfscope.vfs.KernelClock;
import org.vfscope.mm.VmTunables;

/**
 * A cold sequential read of a 256 MiB file-backed block device through its page cache with
 * readahead (as {@code cat /dev/loop0} reads), 1 MiB at a time. Our page cache is emptied before
 * each run; the host's is not (the image file may be in Linux's cache), so compare with
 * {@code cat} of the same file from a warm host cache. The file is at {@code $BENCH_IMAGE} or a
 * temporary file.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@State(Scope.Thread)
public class ColdDeviceReadBenchmark {
    private static final int MIB = 1 << 20;
    private static final long SIZE = 256L * MIB;

    private Path image;
    private boolean tempImage;
    private Kernel kernel;
    private InstrumentedDevice device;
    private BufferCache cache;
    private final ByteBuffer buf = ByteBuffer.allocate(MIB);

    @Setup(Level.Trial)
    public void openDevice() throws IOException {
        String given = System.getenv("BENCH_IMAGE");
        if (given != null) {
            image = Path.of(given);
        } else {
            image = Files.createTempFile("vfscope-bench", ".img");
            tempImage = true;
            try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
                byte[] chunk = new byte[MIB];
                Random r = new Random(42);
                for (long i = 0; i < SIZE / MIB; i++) {
                    r.nextBytes(chunk);
                    f.write(chunk);
                }
            }
        }
        kernel = Kernel.boot(KernelClock.system());
        // Room for the whole device, as a machine with enough memory has.
        kernel.tunables().set(VmTunables.CACHE_PAGES, 2 * SIZE / 4096);
        device = BlockDevices.openImage(image, BlockDevices.OpenMode.READ_ONLY, kernel.clock());
        cache = kernel.openBlockDevice(device, 4096);
    }

    @Setup(Level.Invocation)
    public void dropOurCache() {
        cache.invalidate();
    }

    @Benchmark
    public long readWholeDevice() {
        long pos = 0;
        while (true) {
            buf.clear();
            int n = cache.inode().read(pos, buf);
            if (n <= 0) {
                return pos;
            }
            pos += n;
        }
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        device.close();
        if (tempImage) {
            Files.deleteIfExists(image);
        }
    }
}
