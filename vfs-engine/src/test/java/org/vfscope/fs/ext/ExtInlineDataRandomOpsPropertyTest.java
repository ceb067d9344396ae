package org.vfscope.fs.ext;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * jqwik picks seeds for random operation sequences ({@link ExtRandomOps}) on ext4 images with
 * inline_data, made by mke2fs -d from a random tree of small files, small directories and
 * long symlinks that it keeps inline; after each remount e2fsck -fn must pass and e2fsprogs must
 * read back exactly the model.
 */
class ExtInlineDataRandomOpsPropertyTest {

    @Property(tries = 4, seed = "7")
    void randomSequencesOnInlineDataImagesStayCleanAndMatchTheModel(@ForAll long seed,
            @ForAll @IntRange(min = 60, max = 140) int ops, @ForAll boolean smallBlocks) throws Exception {
        Path tmp = Files.createTempDirectory("ext4-inline-prop");
        try {
            int bs = smallBlocks ? 1024 : 4096;
            Path src = randomInlineTree(tmp.resolve("src"), new Random(seed));
            Path img = ExtTools.mkfs(tmp.resolve("img"), "ext4", "24M", src, "-b", Integer.toString(bs),
                    "-O", "inline_data");
            assertThat(ExtTools.debugfs(img, "stat /d0")).contains("Size of inline data");
            ExtModel model = ExtModel.fromSource("/mnt", src);
            ExtRandomOps random = new ExtRandomOps(model, bs, seed);
            for (int round = 0; round < 2; round++) {
                ExtRw rw = ExtRw.mount(img, "ext4");
                random.run(rw.p, ops);
                rw.unmount();
                ExtWriteTest.judge(img, model, tmp, "ext4", "seed " + seed + " round " + round);
            }
        } finally {
            ExtRefCheck.deleteTree(tmp);
        }
    }

    /** Directories of up to three entries, files of 0 to 150 bytes, symlinks past 60 bytes: all inline. */
    private static Path randomInlineTree(Path root, Random rnd) throws IOException {
        Files.createDirectories(root);
        for (int d = 0; d < 8; d++) {
            Path dir = Files.createDirectories(root.resolve("d" + d));
            int entries = d == 0 ? 1 : rnd.nextInt(4);
            for (int i = 0; i < entries; i++) {
                Files.write(dir.resolve("inl" + i), SourceTree.bytes(rnd, rnd.nextInt(151)));
            }
        }
        for (int i = 0; i < 20; i++) {
            Files.write(root.resolve("small" + i), SourceTree.bytes(rnd, rnd.nextInt(151)));
        }
        for (int i = 0; i < 3; i++) {
            Files.createSymbolicLink(root.resolve("link" + i), Path.of("t".repeat(60 + rnd.nextInt(40))));
        }
        return root;
    }
}
