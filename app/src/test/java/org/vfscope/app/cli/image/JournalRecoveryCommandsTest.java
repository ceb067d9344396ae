package org.vfscope.app.cli.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vfscope.app.JournaledImages;

/**
 * Images whose journal needs recovery (made with debugfs' journal writer): reading commands show
 * them replayed in memory and say so in one line, the file unchanged; writing commands refuse
 * them and name {@code vfscope recover}, which writes the replay so that e2fsck accepts it.
 */
class JournalRecoveryCommandsTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"ext3", "ext4"})
    void readingShowsTheReplayedContentAndLeavesTheFileAlone(String type) throws Exception {
        Path image = JournaledImages.make(tmp, type);
        String before = sha256(image);

        Vfscope.Run ls = Vfscope.run("ls", image.toString(), "/");
        assertThat(ls.status()).as(ls.err()).isZero();
        assertThat(ls.out().lines()).contains("new.txt", "newdir", "old.txt").doesNotContain("gone.txt");
        assertThat(ls.errLines()).singleElement().asString()
                .matches("vfscope: .*: journal replayed in memory \\(1 transaction, \\d+ blocks\\); the file is unchanged");
        Vfscope.Run cat = Vfscope.run("cat", image.toString(), "/new.txt");
        assertThat(cat.out()).isEqualTo(JournaledImages.NEW_TEXT);

        assertThat(sha256(image)).isEqualTo(before);
    }

    @Test
    void writingIsRefusedUntilRecoverWritesTheReplay() throws Exception {
        Path image = JournaledImages.make(tmp, "ext3");
        String before = sha256(image);

        Vfscope.Run mkdir = Vfscope.run("mkdir", image.toString(), "/made");
        assertThat(mkdir.status()).isEqualTo(2);
        assertThat(mkdir.errLines()).singleElement().asString()
                .contains("journal needs recovery").contains("vfscope recover " + image);
        assertThat(sha256(image)).isEqualTo(before);

        Vfscope.Run recover = Vfscope.run("recover", image.toString());
        assertThat(recover.status()).as(recover.err()).isZero();
        assertThat(recover.out()).contains("journal replayed and written to the image (1 transaction");
        Tools.check("e2fsck", "-fn", image.toString());
        assertThat(Tools.check("debugfs", "-R", "cat /new.txt", image.toString())).contains("journaled line 1999");
        assertThat(Tools.check("dumpe2fs", "-h", image.toString())).doesNotContain("needs_recovery");

        Vfscope.Run again = Vfscope.run("recover", image.toString());
        assertThat(again.out()).contains("needs no recovery");
        Vfscope.Run ls = Vfscope.run("ls", image.toString(), "/");
        assertThat(ls.err()).isEmpty();

        assertThat(Vfscope.run("mkdir", image.toString(), "/made").status()).isZero();
        Tools.check("e2fsck", "-fn", image.toString());
        assertThat(Tools.check("debugfs", "-R", "ls /", image.toString())).contains("made").contains("new.txt");
    }

    @Test
    void recoverOnExt4GivesAnImageE2fsckAccepts() throws Exception {
        Path image = JournaledImages.make(tmp, "ext4");
        Vfscope.Run recover = Vfscope.run("recover", image.toString());
        assertThat(recover.status()).as(recover.err()).isZero();
        Tools.check("e2fsck", "-fn", image.toString());
        assertThat(Tools.check("debugfs", "-R", "ls /", image.toString())).contains("newdir").doesNotContain("gone.txt");
    }

    /**
     * A crash image the kernel made (loop mount, where the machine allows it): a file unlinked
     * while open is on the orphan list; recover releases it along with the replay, so e2fsck -fn
     * is clean and nothing is said about orphans.
     */
    @Test
    void recoverReleasesTheOrphansTheKernelLeft() throws Exception {
        Path image = tmp.resolve("k.img");
        Tools.check("mke2fs", "-q", "-F", "-t", "ext4", image.toString(), "16M");
        Path mnt = Files.createDirectories(tmp.resolve("mnt"));
        Path crash = tmp.resolve("crash.img");
        org.junit.jupiter.api.Assumptions.assumeTrue(
                Tools.run(java.util.List.of("mount", "-o", "loop", image.toString(), mnt.toString())).status() == 0,
                "no loop mount here");
        try {
            Files.write(mnt.resolve("held"), new byte[200_000]);
            try (var in = Files.newInputStream(mnt.resolve("held"))) {
                Tools.check("sync");
                Files.delete(mnt.resolve("held"));
                Tools.check("sync", "-f", mnt.toString());
                Files.copy(image, crash);
            }
        } finally {
            Tools.check("umount", mnt.toString());
        }
        assertThat(Tools.check("dumpe2fs", "-h", crash.toString())).contains("First orphan inode");

        Vfscope.Run recover = Vfscope.run("recover", crash.toString());
        assertThat(recover.status()).as(recover.err()).isZero();
        assertThat(recover.err()).doesNotContain("orphan");
        Tools.check("e2fsck", "-fn", crash.toString());
        assertThat(Tools.check("dumpe2fs", "-h", crash.toString())).doesNotContain("First orphan inode")
                .doesNotContain("needs_recovery");
    }

    @Test
    void aJournalThatCannotBeReplayedIsSaidAndTheImageReadAsItIs() throws Exception {
        Path image = JournaledImages.make(tmp, "ext4");
        long journalSuper = Long.parseLong(Tools.check("debugfs", "-R", "bmap <8> 0", image.toString())
                .lines().filter(l -> l.matches("\\d+")).findFirst().orElseThrow());
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.seek(journalSuper * 1024);
            f.writeInt(0); // the journal superblock's magic
        }
        String before = sha256(image);

        Vfscope.Run ls = Vfscope.run("ls", image.toString(), "/");
        assertThat(ls.status()).isZero();
        assertThat(ls.out().lines()).contains("gone.txt").doesNotContain("new.txt"); // as on disk
        assertThat(ls.errLines()).singleElement().asString().contains("journal not replayed").contains("bad magic");

        Vfscope.Run recover = Vfscope.run("recover", image.toString());
        assertThat(recover.status()).isEqualTo(2);
        assertThat(recover.errLines()).singleElement().asString().contains("cannot recover").contains("unchanged");
        assertThat(sha256(image)).isEqualTo(before);
    }

    @Test
    void infoSaysTheJournalWasReplayedInMemory() throws Exception {
        Path image = JournaledImages.make(tmp, "ext4");
        Vfscope.Run info = Vfscope.run("info", "--json", image.toString());
        assertThat(info.status()).as(info.err()).isZero();
        assertThat(info.errLines()).singleElement().asString().contains("journal replayed in memory");
        var replay = info.json().get("filesystems").get(0).get("journal_replay");
        assertThat(replay.get("replayed").asBoolean()).isTrue();
        assertThat(replay.get("transactions").asLong()).isEqualTo(1);
        assertThat(replay.get("blocks").asLong()).isPositive();
        assertThat(info.json().get("filesystems").get(0).get("superblock").get("features").toString())
                .doesNotContain("needs_recovery");
    }

    @Test
    void aPartitionOfADiskIsReplayedAndRecoveredInPlace() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Tools.available("sgdisk"), "sgdisk is needed");
        Path fs = JournaledImages.make(tmp, "ext4"); // 8 MiB
        Path disk = tmp.resolve("disk.img");
        try (RandomAccessFile f = new RandomAccessFile(disk.toFile(), "rw")) {
            f.setLength(12L * 1024 * 1024);
        }
        Tools.check("sgdisk", "-o", "-n", "1:2048:18431", "-t", "1:8300", disk.toString());
        byte[] bytes = Files.readAllBytes(fs);
        try (RandomAccessFile f = new RandomAccessFile(disk.toFile(), "rw")) {
            f.seek(2048L * 512);
            f.write(bytes);
        }
        String before = sha256(disk);
        byte[] original = Files.readAllBytes(disk);

        Vfscope.Run ls = Vfscope.run("ls", disk.toString(), "/");
        assertThat(ls.out().lines()).contains("new.txt");
        assertThat(ls.errLines()).singleElement().asString().contains(disk + " partition 1: journal replayed in memory");
        Vfscope.Run mkdir = Vfscope.run("mkdir", disk.toString(), "/x");
        assertThat(mkdir.err()).contains("vfscope recover " + disk + " --partition 1");
        assertThat(sha256(disk)).isEqualTo(before);

        Vfscope.Run recover = Vfscope.run("recover", disk.toString());
        assertThat(recover.status()).as(recover.err()).isZero();
        byte[] after = Files.readAllBytes(disk);
        Path partition = Files.write(tmp.resolve("p1.img"), java.util.Arrays.copyOfRange(after, 2048 * 512,
                2048 * 512 + bytes.length));
        Tools.check("e2fsck", "-fn", partition.toString());
        int end = 2048 * 512 + bytes.length;
        assertThat(java.util.Arrays.copyOfRange(after, 0, 2048 * 512)).as("the partition table is untouched")
                .isEqualTo(java.util.Arrays.copyOfRange(original, 0, 2048 * 512));
        assertThat(java.util.Arrays.copyOfRange(after, end, after.length)).as("so is the rest of the disk")
                .isEqualTo(java.util.Arrays.copyOfRange(original, end, original.length));
    }

    @Test
    void theCommittedSampleReadsAsE2fsckReplaysIt() throws Exception {
        Path image = Files.copy(org.vfscope.app.SampleImages.unpacked("ext3-needs-recovery.img"),
                tmp.resolve("sample.img"));
        Path fixed = Files.copy(image, tmp.resolve("fixed.img"));
        Tools.Result fsck = Tools.run(java.util.List.of("e2fsck", "-fy", fixed.toString()));
        assertThat(fsck.status()).as(fsck.output()).isIn(0, 1);
        String before = sha256(image);

        Vfscope.Run ls = Vfscope.run("ls", "-R", image.toString(), "/");
        assertThat(ls.out()).contains("after.txt", "made-in-the-journal").doesNotContain("deleted.txt");
        assertThat(Vfscope.run("cat", image.toString(), "/docs/after.txt").out())
                .isEqualTo(Tools.check("debugfs", "-R", "cat /docs/after.txt", fixed.toString()).lines()
                        .filter(l -> !l.startsWith("debugfs ")).map(l -> l + "\n").collect(java.util.stream.Collectors.joining()));
        assertThat(sha256(image)).isEqualTo(before);
    }

    @Test
    void helpListsRecover() {
        Vfscope.Run help = Vfscope.run("--help");
        assertThat(help.out()).contains("recover");
        assertThat(Vfscope.run("recover", "--help").out()).contains("e2fsck -E journal_only");
    }

    static String sha256(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }

}
