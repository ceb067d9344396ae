package org.vfscope.bench;

import java.util.List;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.vfscope.mm.VmTunables;
import org.vfscope.sys.Process;
import org.vfscope.trace.DcacheSnapshot;
import org.vfscope.trace.DcacheSnapshots;
import org.vfscope.trace.EngineSnapshot;
import org.vfscope.trace.InodeSnapshots;
import org.vfscope.trace.PageCacheSnapshot;
import org.vfscope.trace.PageCacheSnapshots;
import org.vfscope.trace.SnapshotTaker;
import org.vfscope.vfs.Kernel;
import org.vfscope.vfs.OpenFlags;
import org.vfscope.vfs.SuperBlock;
import org.vfscope.vfs.VfsException;

/**
 * What a visualizer frame costs the engine: snapshots of a `find /usr`-sized dcache (100k
 * dentries: 50k positive files with their inodes, 50k negative) and of 100k page-cache pages.
 * {@code dcacheLockHeld} is the part of the dentry snapshot spent under the dcache lock with a
 * do-nothing copier: the floor of how long the engine waits for a snapshot. {@code engine100kDentries}
 * copies everything (a full snapshot); the {@code incremental} ones patch the previous snapshot,
 * after nothing changed or after 16 operations (run untimed before each call).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@State(Scope.Benchmark)
public class SnapshotBenchmark {
    private static final int DIRS = 100;
    private static final int FILES_PER_DIR = 500;
    private static final int PAGES = 100_000;
    private static final int PAGES_PER_FILE = 1000;

    private Kernel dentries;
    private SnapshotTaker dentriesTaker;
    private SnapshotTaker incrementalTaker;
    private Process proc;
    private int churned;
    private Kernel pages;

    @Setup(Level.Trial)
    public void build() {
        dentries = hundredThousandDentries();
        dentriesTaker = SnapshotTaker.full(dentries);
        incrementalTaker = new SnapshotTaker(dentries);
        incrementalTaker.take();
        proc = Process.init(dentries);
        pages = hundredThousandPages();
    }

    /** 16 operations of a small workload: files written and read, names found and missed. */
    private void churn() {
        for (int i = 0; i < 16; i++) {
            int n = churned++;
            String file = "/d" + (n % DIRS) + "/f" + (n * 7 % FILES_PER_DIR);
            switch (n % 4) {
                case 0 -> {
                    int fd = proc.open(file, OpenFlags.O_WRONLY);
                    proc.write(fd, new byte[4096]);
                    proc.close(fd);
                }
                case 1 -> {
                    int fd = proc.open(file, OpenFlags.O_RDONLY);
                    proc.read(fd, java.nio.ByteBuffer.allocate(4096));
                    proc.close(fd);
                }
                case 2 -> proc.stat(file);
                default -> {
                    try {
                        proc.stat("/d" + (n % DIRS) + "/gone" + n);
                    } catch (VfsException expected) {
                        // a new negative dentry
                    }
                }
            }
        }
    }

    static Kernel hundredThousandDentries() {
        Kernel k = Kernel.boot();
        k.setCacheLimits(1_000_000, 1_000_000);
        Process p = Process.init(k);
        for (int d = 0; d < DIRS; d++) {
            String dir = "/d" + d;
            p.mkdir(dir, 0755);
            for (int f = 0; f < FILES_PER_DIR; f++) {
                p.close(p.open(dir + "/f" + f, OpenFlags.O_CREAT | OpenFlags.O_WRONLY, 0644));
                try {
                    p.stat(dir + "/missing" + f);
                } catch (VfsException expected) {
                    // leaves a negative dentry
                }
            }
        }
        // Clean, so the flusher has nothing to do while the snapshots are measured.
        k.sync();
        if (k.dcache().nrDentry() < DIRS * FILES_PER_DIR * 2) {
            throw new IllegalStateException("only " + k.dcache().nrDentry() + " dentries");
        }
        return k;
    }

    static Kernel hundredThousandPages() {
        Kernel k = Kernel.boot();
        k.tunables().set(VmTunables.CACHE_PAGES, 2L * PAGES);
        Process p = Process.init(k);
        byte[] chunk = new byte[PAGES_PER_FILE * 4096];
        for (int f = 0; f < PAGES / PAGES_PER_FILE; f++) {
            int fd = p.open("/file" + f, OpenFlags.O_CREAT | OpenFlags.O_WRONLY, 0644);
            p.write(fd, chunk);
            p.close(fd);
        }
        k.sync();
        if (k.pageCache().nrPages() < PAGES) {
            throw new IllegalStateException("only " + k.pageCache().nrPages() + " pages");
        }
        return k;
    }

    @Benchmark
    public DcacheSnapshot dcache100kDentries() {
        return DcacheSnapshots.take(dentries);
    }

    @Benchmark
    public void dcacheLockHeld(Blackhole bh) {
        List<SuperBlock> sbs = dentries.superBlocks();
        bh.consume(dentries.dcache().copyForSnapshot(sbs, (d, lruPosition) -> bh.consume(d)));
    }

    @Benchmark
    public InodeSnapshots.Result icache50kInodes() {
        return InodeSnapshots.take(dentries);
    }

    @Benchmark
    public EngineSnapshot engine100kDentries() {
        return dentriesTaker.take();
    }

    @Benchmark
    public EngineSnapshot incrementalNothingChanged() {
        return incrementalTaker.take();
    }

    /** Runs the 16 operations before each call to {@link #incrementalAfter16Ops}, outside its time. */
    @State(Scope.Benchmark)
    public static class Churn {
        @Setup(Level.Invocation)
        public void churn(SnapshotBenchmark b) {
            b.churn();
        }
    }

    @Benchmark
    public EngineSnapshot incrementalAfter16Ops(Churn churn) {
        return incrementalTaker.take();
    }

    @Benchmark
    public PageCacheSnapshot pageCache100kPages() {
        return PageCacheSnapshots.take(pages);
    }
}
