package org.vfscope.fs.ext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vfscope.block.CowOverlay;

/**
 * Orphan inodes (the s_last_orphan list) released as the kernel's ext4_orphan_cleanup does: at a
 * read-write mount and after a journal replay. Judged by e2fsck -fn (which reports every orphan
 * left behind as a deleted inode with zero dtime and bitmap differences) and debugfs.
 */
class ExtOrphanTest {
    private static final Pattern INODE = Pattern.compile("Inode: (\\d+)");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"ext3", "ext4"})
    void anOpenUnlinkedFileIsFreedAndATruncateFinishedAtMount(String type) throws Exception {
        Crafted c = craft(type);
        c.chain(c.held, c.trunc);
        assertThat(fsck(c.img)).isNotZero();

        ExtRw rw = ExtRw.mount(c.img, type);
        assertThat(rw.ext().problems()).isEmpty();
        assertThat(rw.p.stat("/mnt/trunc.bin").size()).isEqualTo(5000);
        rw.unmount();

        assertThat(fsck(c.img)).isZero();
        assertThat(ExtTools.run("dumpe2fs", "-h", c.img.toString())).doesNotContain("First orphan inode");
        assertThat(ExtTools.debugfs(c.img, "testi <" + c.held + ">")).contains("is not in use");
        assertThat(ExtTools.debugfs(c.img, "stat /trunc.bin")).contains("Blockcount: 10\n"); // 5 KiB blocks of 1 KiB
        byte[] cat = catBytes(c.img, "/trunc.bin");
        assertThat(cat).isEqualTo(Arrays.copyOf(c.truncData, 5000));
        assertThat(catBytes(c.img, "/keep.bin")).isEqualTo(c.keepData);
    }

    @Test
    void aListThatLoopsEndsAndTheFilesystemStaysClean() throws Exception {
        Crafted c = craft("ext4");
        c.chain(c.held, c.trunc, c.held);
        ExtRw rw = ExtRw.mount(c.img, "ext4");
        assertThat(rw.ext().problems()).anySatisfy(p -> assertThat(p.toString()).contains("bad orphan inode"));
        rw.unmount();
        assertThat(fsck(c.img)).isZero();
    }

    @Test
    void aReadOnlyMountLeavesTheListAlone() throws Exception {
        Crafted c = craft("ext4");
        c.chain(c.held);
        byte[] before = Files.readAllBytes(c.img);
        ExtTools.Mounted m = ExtTools.mount(c.img, "ext4");
        m.p().umount("/mnt");
        assertThat(Files.readAllBytes(c.img)).isEqualTo(before);
    }

    /**
     * The kernel's own orphans: a file unlinked while open, the image copied while mounted. Without
     * orphan_file the kernel chains it from s_last_orphan, with it the entry is in the orphan file.
     */
    @ParameterizedTest
    @ValueSource(strings = {"^orphan_file", "orphan_file"})
    void theKernelsOrphanIsReleasedAfterTheReplay(String feature) throws Exception {
        Path img = ExtTools.mkfs(dir.resolve("k.img"), "ext4", "16M", null, "-O", feature);
        Path mnt = Files.createDirectories(dir.resolve("mnt"));
        Path crash = dir.resolve("crash.img");
        assumeTrue(tryRun("mount", "-o", "loop", img.toString(), mnt.toString()), "no loop mount here");
        try {
            byte[] data = new byte[300_000];
            new Random(7).nextBytes(data);
            Files.write(mnt.resolve("held"), data);
            Files.writeString(mnt.resolve("kept.txt"), "kept\n");
            try (var in = Files.newInputStream(mnt.resolve("held"))) {
                ExtTools.run("sync");
                Files.delete(mnt.resolve("held"));
                ExtTools.run("sync", "-f", mnt.toString());
                Files.copy(img, crash, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            ExtTools.run("umount", mnt.toString());
        }
        String header = ExtTools.run("dumpe2fs", "-h", crash.toString());
        assertThat(header).contains("needs_recovery")
                .contains(feature.equals("orphan_file") ? "orphan_present" : "First orphan inode");
        Path fixed = Files.copy(crash, dir.resolve("fixed.img"));
        ExtTools.run(List.of("e2fsck", "-fy", fixed.toString()), 1);

        Path replayed = dir.resolve("replayed.img");
        byte[] crashBytes = Files.readAllBytes(crash);
        try (CowOverlay overlay = CowOverlay.open(crash)) {
            ExtJournalReplay.replay(overlay);
            assertThat(ExtJournalReplay.hasOrphans(overlay)).isFalse();
            overlay.saveAs(replayed);
        }
        assertThat(Files.readAllBytes(crash)).isEqualTo(crashBytes);
        assertThat(fsck(replayed)).isZero();
        assertThat(counts(replayed)).isEqualTo(counts(fixed));
        assertThat(ExtTools.run("dumpe2fs", "-h", replayed.toString())).doesNotContain("orphan_present")
                .doesNotContain("First orphan inode");
        assertThat(ExtTools.debugfs(replayed, "ls -l /")).doesNotContain("held").contains("kept.txt");
    }

    private static String counts(Path img) {
        return ExtTools.run("dumpe2fs", "-h", img.toString()).lines()
                .filter(l -> l.startsWith("Free blocks:") || l.startsWith("Free inodes:")).toList().toString();
    }

    /** An image with held.bin (unlinked but its inode kept, as an open file), trunc.bin (i_size cut to 5000) and keep.bin. */
    private Crafted craft(String type) throws IOException {
        Path tree = Files.createDirectories(dir.resolve("tree-" + type));
        Random rnd = new Random(11);
        byte[] held = new byte[100_000];
        byte[] trunc = new byte[200_000];
        byte[] keep = new byte[30_000];
        rnd.nextBytes(held);
        rnd.nextBytes(trunc);
        rnd.nextBytes(keep);
        Files.write(tree.resolve("held.bin"), held);
        Files.write(tree.resolve("trunc.bin"), trunc);
        Files.write(tree.resolve("keep.bin"), keep);
        Path img = ExtTools.mkfs(dir.resolve(type + ".img"), type, "8M", tree, "-b", "1024");
        long heldIno = ino(img, "/held.bin");
        long truncIno = ino(img, "/trunc.bin");
        ExtTools.debugfsWrite(img, "unlink /held.bin");
        ExtTools.debugfsWrite(img, "sif <" + heldIno + "> links_count 0");
        ExtTools.debugfsWrite(img, "sif <" + truncIno + "> size 5000");
        return new Crafted(img, heldIno, truncIno, trunc, keep);
    }

    private record Crafted(Path img, long held, long trunc, byte[] truncData, byte[] keepData) {
        /** s_last_orphan = first, each one's i_dtime the next, the last's 0. */
        void chain(long... inos) {
            ExtTools.debugfsWrite(img, "ssv last_orphan " + inos[0]);
            java.util.Set<Long> linked = new java.util.HashSet<>();
            for (int i = 0; i < inos.length; i++) {
                long next = i + 1 < inos.length ? inos[i + 1] : 0;
                if (linked.add(inos[i])) { // an inode met again closes a loop: its link stays
                    ExtTools.debugfsWrite(img, "sif <" + inos[i] + "> dtime " + next);
                }
            }
        }
    }

    private static long ino(Path img, String path) {
        Matcher m = INODE.matcher(ExtTools.debugfs(img, "stat " + path));
        assertThat(m.find()).isTrue();
        return Long.parseLong(m.group(1));
    }

    private byte[] catBytes(Path img, String path) throws IOException {
        Path out = dir.resolve("dumped");
        Files.deleteIfExists(out);
        ExtTools.debugfs(img, "dump " + path + " " + out);
        return Files.readAllBytes(out);
    }

    private static int fsck(Path img) throws Exception {
        java.lang.Process p = new ProcessBuilder("e2fsck", "-fn", img.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        int rc = p.waitFor();
        if (rc != 0) {
            System.err.println(out);
        }
        return rc;
    }

    private static boolean tryRun(String... cmd) {
        try {
            java.lang.Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
