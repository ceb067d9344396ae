package org.vfscope.visualizer;

import java.nio.ByteBuffer;
import java.util.Random;
import org.vfscope.sys.Process;
import org.vfscope.vfs.Kernel;
import org.vfscope.vfs.OpenFlags;
import org.vfscope.vfs.VfsException;

/**
 * A ramfs engine with a few thousand dentries and pages (several snapshot chunks of each) and
 * small cache bounds, changed by random operations: creates, reads, writes, stats of present and
 * missing names, unlinks, renames, hard links, directories made and removed, drop_caches. For
 * tests that compare what a view derives frame after frame with what it derives from scratch.
 */
public final class RandomEngine {
    private static final int DIRS = 8;
    private static final int FILES = 200;

    public final Kernel kernel = Kernel.boot();
    final Process proc = Process.init(kernel);
    private final Random random;

    public RandomEngine(long seed) {
        random = new Random(seed);
        kernel.setCacheLimits(5000, 5000);
        for (int d = 0; d < DIRS; d++) {
            proc.mkdir("/d" + d, 0755);
            for (int f = 0; f < FILES; f++) {
                proc.close(proc.open(path(d, f), OpenFlags.O_CREAT | OpenFlags.O_WRONLY, 0644));
                String missing = "/d" + d + "/missing" + f;
                quietly(() -> proc.stat(missing));
            }
        }
        for (int f = 0; f < 6; f++) {
            write("/file" + f, 0, 500);
        }
    }

    private static String path(int d, int f) {
        return "/d" + d + "/f" + f;
    }

    /** Runs 1 to {@code max} random operations; some fail (a name already gone), as they may. */
    public void churn(int max) {
        int n = 1 + random.nextInt(max);
        for (int i = 0; i < n; i++) {
            int d = random.nextInt(DIRS);
            int f = random.nextInt(FILES);
            switch (random.nextInt(14)) {
                case 0, 1 -> quietly(() -> proc.stat(path(d, f)));
                case 2 -> quietly(() -> proc.stat("/d" + d + "/gone" + random.nextInt(100_000)));
                case 3, 4 -> read("/file" + random.nextInt(8), random.nextInt(600), 1 + random.nextInt(8));
                case 5, 6 -> write("/file" + random.nextInt(8), random.nextInt(600), 1 + random.nextInt(4));
                case 7 -> quietly(() -> proc.unlink(path(d, f)));
                case 8 -> quietly(() -> proc.close(proc.open(path(d, f), OpenFlags.O_CREAT | OpenFlags.O_WRONLY, 0644)));
                case 9 -> quietly(() -> proc.rename(path(d, f), path(random.nextInt(DIRS), random.nextInt(FILES))));
                case 10 -> quietly(() -> proc.link("/file" + random.nextInt(8), path(d, f)));
                case 11 -> quietly(() -> proc.mkdir("/d" + d + "/sub" + f, 0755));
                case 12 -> quietly(() -> proc.rename("/d" + d + "/sub" + f, "/d" + random.nextInt(DIRS) + "/sub" + f));
                default -> {
                    if (random.nextInt(100) == 0) {
                        kernel.dropCaches(1 + random.nextInt(3));
                    } else {
                        quietly(() -> proc.unlink("/file" + random.nextInt(8)));
                    }
                }
            }
        }
    }

    private void read(String path, long page, int pages) {
        quietly(() -> {
            int fd = proc.open(path, OpenFlags.O_RDONLY);
            try {
                proc.pread(fd, ByteBuffer.allocate(pages * 4096), page * 4096);
            } finally {
                proc.close(fd);
            }
        });
    }

    private void write(String path, long page, int pages) {
        quietly(() -> {
            int fd = proc.open(path, OpenFlags.O_CREAT | OpenFlags.O_WRONLY, 0644);
            try {
                proc.pwrite(fd, ByteBuffer.allocate(pages * 4096), page * 4096);
            } finally {
                proc.close(fd);
            }
        });
    }

    private static void quietly(Runnable op) {
        try {
            op.run();
        } catch (VfsException expected) {
            // the name was gone or taken: a random workload meets both
        }
    }
}
