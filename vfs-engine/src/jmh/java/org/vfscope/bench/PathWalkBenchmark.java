package org.vfscope.bench;

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
import org.vfscope.sys.Process;
import org.vfscope.vfs.Credentials;
import org.vfscope.vfs.Kernel;
import org.vfscope.vfs.Mount;
import org.vfscope.vfs.Path;
import org.vfscope.vfs.namei.LookupFlags;
import org.vfscope.vfs.namei.PathWalk;

/**
 * Path walk through the dcache, as Linux's path-lookup microbenchmarks measure it: a hot walk
 * (every dentry cached: the lockless rcu-walk) of a 1- and a 4-component path, whose difference
 * over 3 is the cost of one cached component; and a cold walk after drop_caches 2, where every
 * component misses the dcache, is looked up in the filesystem and read into a new inode.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class PathWalkBenchmark {
    private Kernel kernel;
    private Path root;

    @Setup(Level.Trial)
    public void buildTree() {
        kernel = Kernel.boot();
        Process p = Process.init(kernel);
        p.mkdir("/usr", 0755);
        p.mkdir("/usr/share", 0755);
        p.mkdir("/usr/share/doc", 0755);
        p.close(p.creat("/usr/share/doc/README", 0644));
        p.close(p.creat("/README", 0644));
        // Clean inodes can be evicted, so the cold walk reads them back from the filesystem.
        kernel.sync();
        Mount m = kernel.namespace().root();
        root = new Path(m, m.root());
    }

    private Path walk(String path) {
        Path result = new PathWalk(kernel, root, root, Credentials.ROOT).lookup(path, LookupFlags.FOLLOW);
        result.put();
        return result;
    }

    @Benchmark
    public Path hotOneComponent() {
        return walk("/README");
    }

    @Benchmark
    public Path hotFourComponents() {
        return walk("/usr/share/doc/README");
    }

    /**
     * The cold walk: before each one (not measured), drop_caches 2 frees every unused dentry
     * and clean inode, so all four components miss and are read back from the filesystem.
     */
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    @Fork(1)
    @State(Scope.Thread)
    public static class Cold {
        private final PathWalkBenchmark tree = new PathWalkBenchmark();

        @Setup(Level.Trial)
        public void buildTree() {
            tree.buildTree();
        }

        @Setup(Level.Invocation)
        public void dropDentriesAndInodes() {
            tree.kernel.dropCaches(2);
        }

        @Benchmark
        public Path coldFourComponents() {
            return tree.walk("/usr/share/doc/README");
        }
    }
}
