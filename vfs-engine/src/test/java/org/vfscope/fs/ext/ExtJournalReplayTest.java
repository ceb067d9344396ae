package org.vfscope.fs.ext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.vfscope.block.CowOverlay;
import org.vfscope.fs.jbd2.JournalException;
import org.vfscope.fs.jbd2.RecoveryResult;

/** Journal replay into an overlay, judged by e2fsprogs: the result is what debugfs wrote and e2fsck accepts. */
class ExtJournalReplayTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"ext3, 1024", "ext4, 1024", "ext3, 4096", "ext4, 4096"})
    void replayGivesTheLoggedBlocksAndLeavesTheFileAlone(String type, int blockSize) throws Exception {
        JournalImages img = JournalImages.make(dir, type, blockSize);
        assertThat(ExtTools.run("dumpe2fs", "-h", img.journaled().toString())).contains("needs_recovery");
        String hashBefore = sha256(img.journaled());
        try (CowOverlay overlay = CowOverlay.open(img.journaled())) {
            assertThat(ExtJournalReplay.needsRecovery(overlay)).isTrue();
            RecoveryResult r = ExtJournalReplay.replay(overlay);
            assertThat(r.transactions()).isEqualTo(1);
            assertThat(r.blocksReplayed()).isEqualTo(img.loggedBlocks().size());
            assertThat(r.clean()).isTrue();
            assertThat(ExtJournalReplay.needsRecovery(overlay)).isFalse();
            Path replayed = dir.resolve("replayed.img");
            overlay.saveAs(replayed);
            // Outside the journal, the replayed image is exactly what debugfs made.
            Set<Long> journal = new HashSet<>(img.journalBlocks());
            List<Long> differ = JournalImages.diffBlocks(replayed, img.after(), img.blockSize());
            differ.removeAll(journal);
            assertThat(differ).isEmpty();
            // e2fsck, replaying the same journal itself, gets the same filesystem.
            Path fixed = Files.copy(img.journaled(), dir.resolve("fixed.img"));
            ExtTools.run(List.of("e2fsck", "-fy", fixed.toString()), 1);
            assertThat(ExtTools.debugfs(replayed, "cat new.txt")).isEqualTo(ExtTools.debugfs(fixed, "cat new.txt"));
            assertThat(ExtTools.debugfs(replayed, "ls -l /")).isEqualTo(ExtTools.debugfs(fixed, "ls -l /"));
            assertThat(ExtTools.debugfs(replayed, "logdump")).contains("Journal starts at block 0");
            ExtTools.run("e2fsck", "-fn", replayed.toString());
        }
        assertThat(sha256(img.journaled())).isEqualTo(hashBefore);
    }

    @Test
    void mountedAfterReplayTheNewFilesAreThere() throws Exception {
        JournalImages img = JournalImages.make(dir, "ext4");
        try (CowOverlay overlay = CowOverlay.open(img.journaled())) {
            ExtJournalReplay.replay(overlay);
            Path replayed = dir.resolve("replayed.img");
            overlay.saveAs(replayed);
            ExtTools.Mounted m = ExtTools.mount(replayed, "ext4");
            assertThat(new String(TreeComparer.readAll(m.p(), "/mnt/new.txt", 1 << 20))).startsWith("journaled line 0\n");
            assertThat(m.ext().problems()).isEmpty();
        }
    }

    @Test
    void badJournalMagicIsATypedError() throws Exception {
        JournalImages img = JournalImages.make(dir, "ext4");
        poke(img.journaled(), img.journalBlock(0) * img.blockSize(), new byte[] {0, 0, 0, 0});
        try (CowOverlay overlay = CowOverlay.open(img.journaled())) {
            assertThatThrownBy(() -> ExtJournalReplay.replay(overlay)).isInstanceOfSatisfying(JournalException.class,
                    e -> assertThat(e.kind()).isEqualTo(JournalException.Kind.BAD_SUPERBLOCK));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ext3", "ext4"})
    void aTagForABlockBeyondTheFilesystemIsSkippedAndReported(String type) throws Exception {
        JournalImages img = JournalImages.make(dir, type);
        // the first tag's block number (big-endian, right after the 12-byte header) made huge
        long desc = img.journalBlock(1) * img.blockSize();
        poke(img.journaled(), desc + 12, new byte[] {(byte) 0x7f, 0, 0, 0});
        try (CowOverlay overlay = CowOverlay.open(img.journaled())) {
            if (type.equals("ext4")) {
                // with csum v3 the descriptor block's checksum no longer matches: the kernel fails recovery
                assertThatThrownBy(() -> ExtJournalReplay.replay(overlay)).isInstanceOf(JournalException.class);
                return;
            }
            RecoveryResult r = ExtJournalReplay.replay(overlay);
            assertThat(r.blocksReplayed()).isEqualTo(img.loggedBlocks().size() - 1);
            assertThat(r.problems()).singleElement().asString().contains("beyond the filesystem");
        }
    }

    @Test
    void aDataBlockFailingItsChecksumIsNotReplayed() throws Exception {
        JournalImages img = JournalImages.make(dir, "ext4");
        // journal block 2 is the first logged data block
        poke(img.journaled(), img.journalBlock(2) * img.blockSize() + 100, new byte[] {0x55});
        try (CowOverlay overlay = CowOverlay.open(img.journaled())) {
            RecoveryResult r = ExtJournalReplay.replay(overlay);
            assertThat(r.blocksReplayed()).isEqualTo(img.loggedBlocks().size() - 1);
            assertThat(r.problems()).singleElement().asString().contains("invalid checksum");
            assertThat(r.clean()).isFalse();
        }
    }

    @Test
    void aCommitBlockFailingItsChecksumEndsTheLogBeforeIt() throws Exception {
        JournalImages img = JournalImages.make(dir, "ext4");
        long commit = img.journalBlock(img.commitBlock()) * img.blockSize();
        poke(img.journaled(), commit + 16, new byte[] {1, 2, 3, 4}); // h_chksum[0]
        try (CowOverlay overlay = CowOverlay.open(img.journaled())) {
            RecoveryResult r = ExtJournalReplay.replay(overlay);
            assertThat(r.transactions()).isZero();
            assertThat(r.blocksReplayed()).isZero();
            assertThat(r.failedCommit()).isTrue();
            assertThat(ExtJournalReplay.needsRecovery(overlay)).isFalse();
        }
    }

    @Test
    void aLogThatLoopsOntoItselfEnds() throws Exception {
        JournalImages img = JournalImages.make(dir, "ext3");
        // every log block becomes a descriptor of the same transaction with one tag and no commit:
        // walked as the kernel walks it, such a log never ends
        List<Long> blocks = img.journalBlocks();
        byte[] desc = new byte[img.blockSize()];
        putBe(desc, 0, 0xC03B3998);
        putBe(desc, 4, 1);
        putBe(desc, 8, readBe(img.journaled(), blocks.get(1) * img.blockSize() + 8));
        putBe(desc, 12, 5); // block 5 of the filesystem
        desc[18] = 0;
        desc[19] = 8 | 2; // LAST_TAG | SAME_UUID
        try (RandomAccessFile f = new RandomAccessFile(img.journaled().toFile(), "rw")) {
            for (int i = 1; i < blocks.size(); i++) {
                f.seek(blocks.get(i) * img.blockSize());
                f.write(desc);
            }
        }
        try (CowOverlay overlay = CowOverlay.open(img.journaled())) {
            RecoveryResult r = ExtJournalReplay.replay(overlay);
            assertThat(r.transactions()).isZero();
            assertThat(r.blocksReplayed()).isZero();
            assertThat(r.problems()).anyMatch(p -> p.contains("wraps onto itself"));
        }
    }

    @Test
    void anExternalJournalIsRefusedClearly() throws Exception {
        JournalImages img = JournalImages.make(dir, "ext4");
        // s_journal_inum = 0 with a journal UUID: what an image with an external journal has
        poke(img.journaled(), 1024 + 0xE0, new byte[] {0, 0, 0, 0});
        poke(img.journaled(), 1024 + 0xD0, new byte[] {1, 2, 3, 4});
        try (CowOverlay overlay = CowOverlay.open(img.journaled())) {
            assertThatThrownBy(() -> ExtJournalReplay.replay(overlay)).isInstanceOfSatisfying(JournalException.class,
                    e -> {
                        assertThat(e.kind()).isEqualTo(JournalException.Kind.UNSUPPORTED);
                        assertThat(e.getMessage()).contains("external device");
                    });
        }
    }

    /**
     * A fresh image and a debugfs script of journal transactions on it; returns the image.
     * {@code kind}: "ext3" (32-bit tags, no checksums), "ext4" (64bit, csum v3), "ext4-csum-v2",
     * "ext4-no-csum" (64bit tags without checksums).
     */
    private Path logged(String kind, String... transactions) throws IOException {
        String type = kind.substring(0, 4);
        Path img = ExtTools.mkfs(dir.resolve(kind + "-script.img"), type, "8M", null, "-b", "1024");
        for (char c : new char[] {'A', 'B'}) {
            byte[] block = new byte[1024];
            java.util.Arrays.fill(block, (byte) c);
            Files.write(dir.resolve(c + ".bin"), block);
        }
        byte[] magic = new byte[1024];
        putBe(magic, 0, 0xC03B3998);
        magic[4] = 'M';
        Files.write(dir.resolve("M.bin"), magic);
        StringBuilder script = new StringBuilder(switch (kind) {
            case "ext4" -> "jo -c\n";
            case "ext4-csum-v2" -> "jo -c -v 2\n";
            default -> "jo\n";
        });
        for (String t : transactions) {
            script.append(t.replace("{dir}", dir.toString())).append('\n');
        }
        script.append("jc\n");
        Files.writeString(dir.resolve("script.cmd"), script);
        String out = ExtTools.run("debugfs", "-w", "-f", dir.resolve("script.cmd").toString(), img.toString());
        assertThat(out).doesNotContain("while writing journal");
        return img;
    }

    private static byte[] block(Path img, long n) throws IOException {
        byte[] b = new byte[1024];
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "r")) {
            f.seek(n * 1024);
            f.readFully(b);
        }
        return b;
    }

    private static byte[] replayed(Path img, long n) throws IOException {
        try (CowOverlay overlay = CowOverlay.open(img)) {
            ExtJournalReplay.replay(overlay);
            byte[] b = new byte[1024];
            overlay.read(n * 1024, java.nio.ByteBuffer.wrap(b));
            return b;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ext3", "ext4", "ext4-csum-v2", "ext4-no-csum"})
    void theLatestCopyOfABlockWins(String type) throws Exception {
        Path img = logged(type, "jw -b 7000 {dir}/A.bin", "jw -b 7000 {dir}/B.bin");
        try (CowOverlay overlay = CowOverlay.open(img)) {
            RecoveryResult r = ExtJournalReplay.replay(overlay);
            assertThat(r.transactions()).isEqualTo(2);
            assertThat(r.blocksReplayed()).isEqualTo(2);
        }
        assertThat(replayed(img, 7000)).containsOnly((byte) 'B');
    }

    @ParameterizedTest
    @ValueSource(strings = {"ext3", "ext4", "ext4-csum-v2", "ext4-no-csum"})
    void aRevokedBlockIsNotReplayedButALaterCopyIs(String type) throws Exception {
        Path img = logged(type, "jw -b 7000 {dir}/A.bin", "jw -b 7001 {dir}/A.bin", "jw -r 7000,7001",
                "jw -b 7001 {dir}/B.bin");
        byte[] before = block(img, 7000);
        try (CowOverlay overlay = CowOverlay.open(img)) {
            RecoveryResult r = ExtJournalReplay.replay(overlay);
            assertThat(r.transactions()).isEqualTo(4);
            assertThat(r.revokeRecords()).isEqualTo(2);
            assertThat(r.revokeHits()).isEqualTo(2);
            assertThat(r.blocksReplayed()).isEqualTo(1);
        }
        assertThat(replayed(img, 7000)).isEqualTo(before);
        assertThat(replayed(img, 7001)).containsOnly((byte) 'B');
    }

    @ParameterizedTest
    @ValueSource(strings = {"ext3", "ext4", "ext4-csum-v2", "ext4-no-csum"})
    void anEscapedBlockGetsItsMagicNumberBack(String type) throws Exception {
        Path img = logged(type, "jw -b 7002 {dir}/M.bin");
        byte[] b = replayed(img, 7002);
        assertThat(readBe(b)).isEqualTo(0xC03B3998);
        assertThat(b[4]).isEqualTo((byte) 'M');
    }

    @Test
    void anUncommittedTransactionIsNotReplayed() throws Exception {
        Path img = logged("ext4", "jw -b 7000 {dir}/A.bin", "jw -c -b 7001 {dir}/B.bin");
        byte[] before = block(img, 7001);
        try (CowOverlay overlay = CowOverlay.open(img)) {
            RecoveryResult r = ExtJournalReplay.replay(overlay);
            assertThat(r.transactions()).isEqualTo(1);
        }
        assertThat(replayed(img, 7000)).containsOnly((byte) 'A');
        assertThat(replayed(img, 7001)).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ext3", "ext4"})
    void randomDamageToTheJournalGivesAReplayOrATypedErrorNeverACrash(String type) throws Exception {
        JournalImages img = JournalImages.make(dir, type);
        byte[] pristine = Files.readAllBytes(img.journaled());
        List<Long> journal = img.journalBlocks().subList(0, img.loggedBlocks().size() + 8);
        Path damaged = dir.resolve("damaged.img");
        int replays = 0;
        int refusals = 0;
        for (int seed = 0; seed < 150; seed++) {
            java.util.Random r = new java.util.Random(seed);
            byte[] bytes = pristine.clone();
            for (int i = 0; i < 1 + r.nextInt(12); i++) {
                long block = journal.get(r.nextInt(4) == 0 ? 0 : r.nextInt(journal.size()));
                // mostly in the headers, tags and superblock fields, sometimes anywhere in the block
                int at = r.nextBoolean() ? r.nextInt(96) : r.nextInt(img.blockSize());
                bytes[(int) (block * img.blockSize() + at)] ^= (byte) (1 << r.nextInt(8));
            }
            Files.write(damaged, bytes);
            try (CowOverlay overlay = CowOverlay.open(damaged)) {
                RecoveryResult result = ExtJournalReplay.replay(overlay);
                assertThat(result.blocksReplayed()).isLessThanOrEqualTo(img.loggedBlocks().size());
                replays++;
            } catch (JournalException e) {
                assertThat(e.getMessage()).isNotBlank();
                refusals++;
            }
        }
        assertThat(replays).isPositive();
        assertThat(refusals).isPositive();
    }

    @Test
    void anOrphanListThatPointsAtAFreeInodeIsDroppedByTheReplay() throws Exception {
        Path img = logged("ext3", "jw -b 7000 {dir}/A.bin");
        try (CowOverlay overlay = CowOverlay.open(img)) {
            ExtJournalReplay.replay(overlay);
            assertThat(ExtJournalReplay.hasOrphans(overlay)).isFalse();
        }
        ExtTools.debugfsWrite(img, "ssv last_orphan 12");
        Path replayed = dir.resolve("replayed.img");
        try (CowOverlay overlay = CowOverlay.open(img)) {
            assertThat(ExtJournalReplay.hasOrphans(overlay)).isTrue();
            ExtJournalReplay.replay(overlay);
            assertThat(ExtJournalReplay.hasOrphans(overlay)).isFalse(); // inode 12 is free: ext4_orphan_get's "bad orphan inode"
            overlay.saveAs(replayed);
        }
        ExtTools.run("e2fsck", "-fn", replayed.toString());
    }

    private static int readBe(byte[] b) {
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
    }

    static void poke(Path img, long offset, byte[] bytes) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
            f.seek(offset);
            f.write(bytes);
        }
    }

    static int readBe(Path img, long offset) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "r")) {
            f.seek(offset);
            return f.readInt();
        }
    }

    static void putBe(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    static String sha256(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }
}
