package org.vfscope.fs.ext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * jqwik picks the seeds and sizes of random operation sequences (create, append, overwrite,
 * truncate, mkdir, rmdir, unlink, rename, link, symlink, chmod, mknod, xattrs) on ext4 images
 * made by mke2fs and by our mkfs; after each remount e2fsck -fn must pass and e2fsprogs must
 * read back exactly the model.
 */
class Ext4RandomOpsPropertyTest {

    @Property(tries = 4, seed = "42")
    void randomSequencesOnExt4StayCleanAndMatchTheModel(@ForAll long seed, @ForAll @IntRange(min = 60, max = 160) int ops,
            @ForAll boolean ourMkfs, @ForAll boolean smallBlocks) throws Exception {
        Path tmp = Files.createTempDirectory("ext4-prop");
        try {
            int bs = smallBlocks ? 1024 : 4096;
            Path img = tmp.resolve("img");
            if (ourMkfs) {
                Ext4MkfsTest.make(img, 24L << 20, "", bs);
            } else {
                ExtTools.mkfs(img, "ext4", "24M", null, "-b", Integer.toString(bs));
            }
            ExtModel model = ExtModel.empty("/mnt");
            ExtRandomOps random = new ExtRandomOps(model, bs, seed);
            for (int round = 0; round < 2; round++) {
                ExtRw rw = ExtRw.mount(img, "ext4");
                random.run(rw.p, ops);
                rw.unmount();
                ExtWriteTest.judge(img, model, tmp, "ext4", "seed " + seed + " round " + round);
            }
        } finally {
            deleteTree(tmp);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
