package org.vfscope.fs.ext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vfscope.block.CowOverlay;
import org.vfscope.fs.jbd2.RecoveryResult;

/**
 * Journals written by the Linux kernel itself, where the machine allows a loop mount (root, loop
 * devices): an image copied while mounted is what a crash leaves, its journal in use and
 * needs_recovery set. Our replay must give what e2fsck's replay gives. Skipped elsewhere.
 */
class KernelJournalReplayTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"ext3", "ext4"})
    void aJournalTheKernelWroteReplaysAsE2fsckReplaysIt(String type) throws Exception {
        Path img = ExtTools.mkfs(dir.resolve(type + ".img"), type, "32M", null);
        Path mnt = Files.createDirectories(dir.resolve("mnt"));
        Path crash = dir.resolve("crash.img");
        assumeTrue(tryRun("mount", "-o", "loop", img.toString(), mnt.toString()), "no loop mount here");
        try {
            Files.createDirectories(mnt.resolve("dir"));
            StringBuilder numbers = new StringBuilder();
            for (int i = 0; i < 20000; i++) {
                numbers.append(i).append('\n');
            }
            Files.writeString(mnt.resolve("dir/numbers.txt"), numbers);
            for (int i = 0; i < 40; i++) {
                Files.writeString(mnt.resolve("dir/f" + i), "file " + i + "\n");
            }
            Files.delete(mnt.resolve("dir/f7"));
            ExtTools.run("sync", "-f", mnt.resolve("dir").toString()); // commits the transaction; the journal stays in use
            Files.copy(img, crash, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            ExtTools.run("umount", mnt.toString());
        }
        assertThat(ExtTools.run("dumpe2fs", "-h", crash.toString())).contains("needs_recovery");

        Path fixed = Files.copy(crash, dir.resolve("fixed.img"));
        ExtTools.run(List.of("e2fsck", "-fy", fixed.toString()), 1);
        Path replayed = dir.resolve("replayed.img");
        try (CowOverlay overlay = CowOverlay.open(crash)) {
            RecoveryResult r = ExtJournalReplay.replay(overlay);
            assertThat(r.transactions()).isPositive();
            assertThat(r.clean()).isTrue();
            overlay.saveAs(replayed);
        }
        assertThat(ExtTools.debugfs(replayed, "ls -l /dir")).isEqualTo(ExtTools.debugfs(fixed, "ls -l /dir"));
        assertThat(ExtTools.debugfs(replayed, "cat /dir/numbers.txt")).isEqualTo(numbersText());
        ExtTools.run("e2fsck", "-fn", replayed.toString());
    }

    private static String numbersText() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 20000; i++) {
            s.append(i).append('\n');
        }
        return s.toString();
    }

    private static boolean tryRun(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
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
