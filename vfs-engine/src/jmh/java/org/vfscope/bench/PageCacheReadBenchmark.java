package org.vfscope.bench;

import java.nio.ByteBuffer;
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
import org.vfscope.sys.Process;
import org.vfscope.vfs.Kernel;
import org.vfscope.vfs.OpenFlags;

/**
 * Page-cache-hit reads, as Linux's "read a cached file" numbers are measured: one operation
 * reads 1 MiB of a fully cached 64 MiB file, either as 256 reads of 4 KiB or as one read of
 * 1 MiB. Throughput in MiB/s is ops/s x 1.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@State(Scope.Thread)
public class PageCacheReadBenchmark {
    private static final int MIB = 1 << 20;
    private static final int FILE_MIB = 64;

    private Process p;
    private int fd;
    private long offset;
    private final ByteBuffer small = ByteBuffer.allocate(4096);
    private final ByteBuffer large = ByteBuffer.allocate(MIB);

    @Setup(Level.Trial)
    public void cacheFile() {
        Kernel kernel = Kernel.boot();
        p = Process.init(kernel);
        int w = p.open("/f", OpenFlags.O_CREAT | OpenFlags.O_WRONLY, 0644);
        byte[] chunk = new byte[MIB];
        for (int i = 0; i < FILE_MIB; i++) {
            chunk[0] = (byte) i;
            p.write(w, chunk);
        }
        p.close(w);
        kernel.sync();
        fd = p.open("/f", OpenFlags.O_RDONLY);
        // One pass so that every page is cached before measuring.
        for (int i = 0; i < FILE_MIB; i++) {
            large.clear();
            p.pread(fd, large, (long) i * MIB);
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        p.close(fd);
    }

    private long nextOffset() {
        long o = offset;
        offset = (offset + MIB) % ((long) FILE_MIB * MIB);
        return o;
    }

    @Benchmark
    public int oneMibAs4KibReads() {
        long base = nextOffset();
        int n = 0;
        for (int i = 0; i < MIB / 4096; i++) {
            small.clear();
            n += p.pread(fd, small, base + (long) i * 4096);
        }
        return n;
    }

    @Benchmark
    public int oneMibAsOneRead() {
        large.clear();
        return p.pread(fd, large, nextOffset());
    }
}
