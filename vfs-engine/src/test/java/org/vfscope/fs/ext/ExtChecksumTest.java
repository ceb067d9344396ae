package org.vfscope.fs.ext;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * metadata_csum and gdt_csum are verified: a damaged checksum anywhere is reported with the
 * inode or block it concerns, and the data behind it stays readable.
 */
class ExtChecksumTest {
    private static final int BS = 4096;
    @TempDir
    Path tmp;
    Path src;
    byte[] fragContent;

    @BeforeEach
    void tree() throws IOException {
        src = Files.createDirectories(tmp.resolve("src"));
        Files.write(src.resolve("f"), "payload".getBytes());
        Files.createDirectories(src.resolve("d"));
        Files.write(src.resolve("d/child"), new byte[] {7});
        try (RandomAccessFile f = new RandomAccessFile(src.resolve("frag").toFile(), "rw")) {
            for (int i = 0; i < 12; i++) {
                f.seek(i * 3L * BS);
                f.write(SourceTree.bytes(new java.util.Random(i), BS));
            }
        }
        fragContent = Files.readAllBytes(src.resolve("frag"));
        Files.write(src.resolve("x"), new byte[] {1});
        ExtTools.run("setfattr", "-n", "user.big", "-v", "0x" + "cd".repeat(600), src.resolve("x").toString());
    }

    private Path image(String... opts) {
        return ExtTools.mkfs(tmp.resolve("img"), "ext4", "8M", src, opts);
    }

    private static void flip(Path img, long offset) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
            f.seek(offset);
            int b = f.read();
            f.seek(offset);
            f.write(b ^ 0x5A);
        }
    }

    private static long number(String text, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
        assertThat(m.find()).as("%s in %s", regex, text).isTrue();
        return Long.decode(m.group(1));
    }

    private static List<ExtProblem> problems(ExtTools.Mounted m, ExtProblem.Code code) {
        return m.ext().problems().stream().filter(p -> p.code() == code).toList();
    }

    @Test
    void aDamagedInodeChecksumIsReportedAndTheFileStillReads() throws IOException {
        Path img = image("-b", "4096");
        String imap = ExtTools.debugfs(img, "imap /f");
        long block = number(imap, "located at block (\\d+)");
        long off = number(imap, "offset (0x[0-9a-f]+)");
        flip(img, block * BS + off + ExtChecksums.I_CHECKSUM_LO);

        ExtTools.Mounted m = ExtTools.mount(img, "ext4");

        assertThat(new String(TreeComparer.readAll(m.p(), "/mnt/f", 100))).isEqualTo("payload");
        long ino = m.p().lstat("/mnt/f").ino();
        assertThat(problems(m, ExtProblem.Code.INODE_CHECKSUM)).singleElement()
                .satisfies(p -> assertThat(p.inode()).isEqualTo(ino))
                .satisfies(p -> assertThat(p.block()).isEqualTo(block));
        assertThat(m.ext().fs().problems().forInode(ino)).hasSize(1);
    }

    @Test
    void aDamagedDirectoryBlockTailIsReportedAndTheDirectoryStillLists() throws IOException {
        Path img = image("-b", "4096");
        long block = ExtHtreeTest.firstBlock(img, "/d");
        flip(img, block * BS + BS - 2);

        ExtTools.Mounted m = ExtTools.mount(img, "ext4");

        assertThat(TreeComparer.names(m.p(), "/mnt/d")).containsExactlyInAnyOrder(".", "..", "child");
        assertThat(problems(m, ExtProblem.Code.DIR_BLOCK_CHECKSUM)).singleElement()
                .satisfies(p -> assertThat(p.block()).isEqualTo(block));
    }

    @Test
    void aDamagedExtentBlockChecksumIsReportedAndTheDataStillReads() throws IOException {
        Path img = image("-b", "4096");
        long index = number(ExtTools.debugfs(img, "ex /frag"), "^\\s*0/\\s*1\\s+\\d+/\\s*\\d+\\s+\\d+\\s+-\\s+\\d+\\s+(\\d+)");
        flip(img, index * BS + 12 + 12 * ((BS - 12) / 12));

        ExtTools.Mounted m = ExtTools.mount(img, "ext4");

        assertThat(TreeComparer.readAll(m.p(), "/mnt/frag", Long.MAX_VALUE)).isEqualTo(fragContent);
        assertThat(problems(m, ExtProblem.Code.EXTENT_CHECKSUM)).singleElement()
                .satisfies(p -> assertThat(p.block()).isEqualTo(index));
    }

    @Test
    void aDamagedXattrBlockChecksumIsReportedAndTheValueStillReads() throws IOException {
        Path img = image("-b", "4096", "-I", "128");
        long acl = number(ExtTools.debugfs(img, "stat /x"), "File ACL: (\\d+)");
        assertThat(acl).isPositive();
        flip(img, acl * BS + ExtChecksums.XATTR_CHECKSUM);

        ExtTools.Mounted m = ExtTools.mount(img, "ext4");

        assertThat(m.p().getxattr("/mnt/x", "user.big")).hasSize(600);
        assertThat(problems(m, ExtProblem.Code.XATTR_CHECKSUM)).singleElement()
                .satisfies(p -> assertThat(p.block()).isEqualTo(acl));
    }

    @Test
    void damagedSuperblockDescriptorAndBitmapChecksumsAreReportedAtMount() throws IOException {
        Path img = image("-b", "4096");
        String dump = ExtTools.run("dumpe2fs", img.toString());
        long blockBitmap = number(dump, "Block bitmap at (\\d+)");
        flip(img, 1024 + ExtSuperBlockInfo.CHECKSUM_OFFSET);
        flip(img, BS + ExtChecksums.GD_CHECKSUM);
        flip(img, blockBitmap * BS + 100);

        ExtTools.Mounted m = ExtTools.mount(img, "ext4");

        assertThat(problems(m, ExtProblem.Code.SUPERBLOCK_CHECKSUM)).hasSize(1);
        assertThat(problems(m, ExtProblem.Code.GROUP_DESC_CHECKSUM)).hasSize(1);
        assertThat(problems(m, ExtProblem.Code.BITMAP_CHECKSUM)).singleElement()
                .satisfies(p -> assertThat(p.block()).isEqualTo(blockBitmap));
        assertThat(new String(TreeComparer.readAll(m.p(), "/mnt/f", 100))).isEqualTo("payload");
    }

    @Test
    void gdtCsumDescriptorsAreVerifiedWithCrc16() throws IOException {
        Path img = image("-b", "4096", "-O", "^metadata_csum,^64bit,uninit_bg");
        ExtTools.Mounted clean = ExtTools.mount(img, "ext4");
        assertThat(clean.ext().problems()).isEmpty();
        flip(img, BS + ExtChecksums.GD_CHECKSUM); // group 0's descriptor

        ExtTools.Mounted m = ExtTools.mount(img, "ext4");

        assertThat(problems(m, ExtProblem.Code.GROUP_DESC_CHECKSUM)).singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("group 0 "));
    }
}
