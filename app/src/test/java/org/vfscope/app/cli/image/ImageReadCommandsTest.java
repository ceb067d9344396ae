package org.vfscope.app.cli.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The read-only image commands against images that mke2fs -d built from {@link SourceTree}: what
 * {@code ls -R --json}, {@code stat --json}, {@code cat} and {@code get} show must be the source
 * tree, exactly; and the image file must not change by a byte.
 */
class ImageReadCommandsTest {

    @TempDir
    static Path shared;

    static Path tree;
    /** By name: ext2 with 1 KiB and 4 KiB blocks, ext3, ext4. */
    static final Map<String, Path> IMAGES = new HashMap<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void buildImages() throws Exception {
        assumeTrue(Tools.available("mke2fs"), "mke2fs (e2fsprogs) is needed to build the test images");
        tree = Files.createDirectory(shared.resolve("tree"));
        SourceTree.build(tree);
        IMAGES.put("ext2-1k", Tools.mke2fs(tree, shared.resolve("ext2-1k.img"), "ext2", "16M", "-b", "1024"));
        IMAGES.put("ext2-4k", Tools.mke2fs(tree, shared.resolve("ext2-4k.img"), "ext2", "16M", "-b", "4096"));
        IMAGES.put("ext3", Tools.mke2fs(tree, shared.resolve("ext3.img"), "ext3", "16M"));
        IMAGES.put("ext4", Tools.mke2fs(tree, shared.resolve("ext4.img"), "ext4", "16M"));
    }

    private static String image(String name) {
        return IMAGES.get(name).toString();
    }

    // ---- ls -R --json, stat --json, cat, get against the source tree -----------------------------

    @ParameterizedTest
    @ValueSource(strings = {"ext2-1k", "ext2-4k", "ext3", "ext4"})
    void lsRecursiveJsonIsTheSourceTreeExactly(String name) throws IOException {
        Vfscope.Run run = Vfscope.run("ls", "-R", "--json", image(name), "/");

        assertThat(run.status()).as(run.err()).isZero();
        List<Map<String, Object>> listed = new ArrayList<>();
        for (JsonNode e : run.json()) {
            if (e.get("path").asText().startsWith("/lost+found")) {
                continue; // mke2fs's own, not the tree's
            }
            assertThat(e.get("ino").asLong()).isPositive();
            listed.add(SourceTree.comparable(e));
        }
        assertThat(listed).containsExactlyElementsOf(SourceTree.expectedEntries(tree));
    }

    @Test
    void lsJsonEntriesHaveExactlyTheDocumentedFieldsAndNeverDotOrDotDot() {
        JsonNode entries = Vfscope.run("ls", "--json", image("ext4"), "/links").json();

        List<String> names = new ArrayList<>();
        for (JsonNode e : entries) {
            names.add(e.get("name").asText());
            List<String> fields = new ArrayList<>();
            e.fieldNames().forEachRemaining(fields::add);
            List<String> expected = new ArrayList<>(List.of("path", "name", "type", "mode", "size", "ino", "nlink",
                    "uid", "gid", "mtime"));
            if (e.get("type").asText().equals("symlink")) {
                expected.add("target");
            }
            assertThat(fields).containsExactlyElementsOf(expected);
        }
        assertThat(names).containsExactly("absolute", "dangling", "hard1", "hard2", "relative", "slow", "to-dir");
        assertThat(entries.get(0).get("path").asText()).isEqualTo("/absolute");
    }

    @Test
    void hiddenEntriesAreAlwaysInJsonButOnlyWithMinusAInText() {
        assertThat(Vfscope.run("ls", "--json", image("ext4"), "/names").out()).contains("\".hidden\"");
        assertThat(Vfscope.run("ls", image("ext4"), "/names").out().lines()).doesNotContain(".hidden");
        assertThat(Vfscope.run("ls", "-a", image("ext4"), "/names").out().lines()).contains(".", "..", ".hidden");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ext2-1k", "ext4"})
    void statJsonAddsTimesBlocksFlagsAndXattrs(String name) throws IOException {
        JsonNode st = Vfscope.run("stat", "--json", image(name), "/sparse.bin").json();

        LocalEntry src = LocalEntry.read(tree.resolve("sparse.bin"));
        assertThat(st.get("path").asText()).isEqualTo("/sparse.bin");
        assertThat(st.get("size").asLong()).isEqualTo(2 * 1024 * 1024);
        assertThat(st.get("mtime").asLong()).isEqualTo(src.mtime().getEpochSecond());
        assertThat(st.get("ctime").asLong()).isPositive();
        assertThat(st.get("atime").asLong()).isPositive();
        assertThat(st.get("blocks").asLong()).as("holes take no blocks").isLessThan(2 * 1024 * 1024 / 512 / 10);
        assertThat(st.get("flags").isInt()).isTrue();
        boolean extents = (st.get("flags").asInt() & 0x80000) != 0;
        assertThat(extents).isEqualTo(name.equals("ext4"));
        assertThat(st.get("xattrs").isObject()).isTrue();
        List<String> fields = new ArrayList<>();
        st.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("path", "name", "type", "mode", "size", "ino", "nlink", "uid", "gid",
                "mtime", "atime", "ctime", "blocks", "flags", "xattrs");
    }

    @Test
    void statShowsTheXattrsMke2fsCopied() throws IOException {
        assumeTrue(!Files.getFileAttributeView(tree.resolve(SourceTree.XATTR_FILE),
                java.nio.file.attribute.UserDefinedFileAttributeView.class).list().isEmpty(), "no user xattrs here");

        JsonNode st = Vfscope.run("stat", "--json", image("ext4"), "/" + SourceTree.XATTR_FILE).json();

        assertThat(st.get("xattrs").get("user.comment").asText()).isEqualTo("hello");
    }

    @Test
    void statOfASymlinkIsTheLinkItselfAndOfADeviceItsType() {
        JsonNode link = Vfscope.run("stat", "--json", image("ext4"), "/links/absolute").json();
        assertThat(link.get("type").asText()).isEqualTo("symlink");
        assertThat(link.get("target").asText()).isEqualTo("/README.txt");

        JsonNode fifo = Vfscope.run("stat", "--json", image("ext4"), "/special/fifo").json();
        assertThat(fifo.get("type").asText()).isEqualTo("fifo");
        if (SourceTree.isRoot()) {
            assertThat(Vfscope.run("stat", "--json", image("ext4"), "/special/null").json().get("type").asText())
                    .isEqualTo("chardev");
            assertThat(Vfscope.run("stat", image("ext4"), "/special/null").out()).contains("Device type: 1,3");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ext2-1k", "ext2-4k", "ext3", "ext4"})
    void catPrintsEveryRegularFileByteForByte(String name) throws IOException {
        for (Path file : regularFiles(tree)) {
            String inImage = "/" + tree.relativize(file).toString().replace('\\', '/');
            Vfscope.Run run = Vfscope.run("cat", image(name), inImage);
            assertThat(run.status()).as(inImage + ": " + run.err()).isZero();
            assertThat(SourceTree.sha256(run.stdout())).as(inImage).isEqualTo(SourceTree.sha256(file));
        }
    }

    @Test
    void catFollowsAbsoluteSymlinksInsideTheImage() {
        Vfscope.Run run = Vfscope.run("cat", image("ext4"), "/links/absolute");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("hello from the source tree\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ext2-1k", "ext4"})
    void getExportsTheTreeWithModesMtimesSymlinksHolesAndContent(String name) throws Exception {
        Path out = dir.resolve("out");

        Vfscope.Run run = Vfscope.run("get", image(name), "/", out.toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.errLines()).allMatch(l -> l.startsWith("vfscope: note: skipped '/special/"));
        for (Map<String, Object> e : SourceTree.expectedEntries(tree)) {
            String rel = ((String) e.get("path")).substring(1);
            Path src = tree.resolve(rel);
            Path got = out.resolve(rel);
            String type = (String) e.get("type");
            if (type.equals("fifo") || type.endsWith("dev")) {
                assertThat(Files.exists(got, LinkOption.NOFOLLOW_LINKS)).as(rel).isFalse();
                continue;
            }
            LocalEntry g = LocalEntry.read(got);
            assertThat(FileTypes.name(g.mode())).as(rel).isEqualTo(type);
            assertThat(g.mtime().getEpochSecond()).as(rel + " mtime").isEqualTo(e.get("mtime"));
            if (type.equals("symlink")) {
                assertThat(Files.readSymbolicLink(got).toString()).as(rel).isEqualTo(e.get("target"));
                continue;
            }
            assertThat(g.permissions()).as(rel + " mode").isEqualTo(e.get("mode"));
            if (type.equals("file")) {
                assertThat(SourceTree.sha256(got)).as(rel).isEqualTo(SourceTree.sha256(src));
            }
        }
        long blocks = Long.parseLong(Tools.check("stat", "-c", "%b", out.resolve("sparse.bin").toString()).strip());
        assertThat(blocks).as("the holes of sparse.bin stay holes").isLessThan(2 * 1024 * 1024 / 512 / 10);
    }

    @Test
    void getOfOneFileIntoADirectoryKeepsItsName() throws IOException {
        Files.createDirectory(dir.resolve("d"));
        assertThat(Vfscope.run("get", image("ext4"), "/sizes/b4097", dir.resolve("d").toString()).status()).isZero();
        assertThat(SourceTree.sha256(dir.resolve("d/b4097"))).isEqualTo(SourceTree.sha256(tree.resolve("sizes/b4097")));
    }

    @Test
    void getNeverFollowsASymlinkPlantedInTheDestination() throws IOException {
        Path outside = Files.writeString(dir.resolve("outside.txt"), "keep me");
        Path dest = Files.createDirectory(dir.resolve("dest"));
        Files.createSymbolicLink(dest.resolve("README.txt"), outside);
        Files.createDirectory(dir.resolve("elsewhere"));
        Files.createSymbolicLink(dest.resolve("deep"), dir.resolve("elsewhere"));

        Vfscope.Run run = Vfscope.run("get", image("ext4"), "/", dest.toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(Files.readString(outside)).isEqualTo("keep me");
        assertThat(Files.isSymbolicLink(dest.resolve("README.txt"))).isFalse();
        assertThat(Files.readString(dest.resolve("README.txt"))).isEqualTo("hello from the source tree\n");
        assertThat(Files.isSymbolicLink(dest.resolve("deep"))).isFalse();
        try (Stream<Path> s = Files.list(dir.resolve("elsewhere"))) {
            assertThat(s).isEmpty();
        }
    }

    @Test
    void getRefusesNamesFromAHostileImageThatWouldLeaveTheDestination() throws Exception {
        Path src = Files.createDirectories(dir.resolve("hostile/sub"));
        Files.writeString(src.resolve("aXetc"), "slash\n");
        Files.writeString(src.resolve("zz"), "dotdot\n");
        Files.writeString(src.resolve("fine.txt"), "fine\n");
        Path img = Tools.mke2fs(dir.resolve("hostile"), dir.resolve("hostile.img"), "ext2", "4M");
        // Rename the entries in place on disk: "aXetc" -> "a/etc", "zz" -> "..". ext2 keeps no checksums.
        byte[] bytes = Files.readAllBytes(img);
        assertThat(replaceAll(bytes, "aXetc", "a/etc") + replaceAll(bytes, "zz", "..")).isEqualTo(2);
        Files.write(img, bytes);
        Path dest = Files.createDirectory(dir.resolve("dest"));

        Vfscope.Run run = Vfscope.run("get", img.toString(), "/sub", dest.resolve("sub").toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("not a plain file name");
        assertThat(Files.readString(dest.resolve("sub/fine.txt"))).isEqualTo("fine\n");
        try (Stream<Path> s = Files.walk(dir.resolve("dest"))) {
            assertThat(s.map(p -> dest.relativize(p).toString())).containsExactlyInAnyOrder("", "sub", "sub/fine.txt");
        }
        assertThat(Files.exists(dir.resolve("etc"))).isFalse();
    }

    /** Replaces each directory-entry name {@code from} (bytes preceded by its length and type) by {@code to}. */
    private static int replaceAll(byte[] b, String from, String to) {
        byte[] f = from.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] t = to.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int count = 0;
        for (int i = 2; i + f.length <= b.length; i++) {
            if (b[i - 2] == f.length && java.util.Arrays.equals(b, i, i + f.length, f, 0, f.length)) {
                System.arraycopy(t, 0, b, i, t.length);
                count++;
            }
        }
        return count;
    }

    // ---- the image is never written -------------------------------------------------------------

    @Test
    void readOnlyCommandsLeaveTheImageByteIdentical() throws IOException {
        Path img = IMAGES.get("ext4");
        String before = SourceTree.sha256(img);
        long modified = Files.getLastModifiedTime(img).toMillis();

        assertThat(Vfscope.run("info", "--json", img.toString()).status()).isZero();
        assertThat(Vfscope.run("ls", "-laR", img.toString()).status()).isZero();
        assertThat(Vfscope.run("stat", img.toString(), "/README.txt").status()).isZero();
        assertThat(Vfscope.run("cat", img.toString(), "/nope").status()).isEqualTo(2);
        assertThat(Vfscope.run("cat", img.toString(), "/sparse.bin").status()).isZero();
        assertThat(Vfscope.run("get", img.toString(), "/", dir.resolve("o").toString()).status()).isZero();

        assertThat(SourceTree.sha256(img)).isEqualTo(before);
        assertThat(Files.getLastModifiedTime(img).toMillis()).isEqualTo(modified);
    }

    @Test
    void runReplaysAScenarioOnTheImageAndLeavesItAsItWas() throws IOException {
        Path img = IMAGES.get("ext4");
        String before = SourceTree.sha256(img);
        Path scenario = Files.writeString(dir.resolve("s.json"), "{\"steps\": [{\"op\": \"read\", \"path\": "
                + "\"/links/absolute\", \"length\": 4096}, {\"op\": \"stat\", \"path\": \"/nope\"}]}");

        Vfscope.Run run = Vfscope.run("run", "--json", img.toString(), scenario.toString());

        assertThat(run.status()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).doesNotContain("error").contains("\"block_reads\"");
        assertThat(lines.get(1)).contains("\"error\":\"ENOENT\"");
        assertThat(SourceTree.sha256(img)).isEqualTo(before);
    }

    // ---- text output ----------------------------------------------------------------------------

    @Test
    void lsLongShowsModeOwnerSizeTimeAndLinkTargets() {
        List<String> lines = Vfscope.run("ls", "-l", image("ext4"), "/modes").out().lines().toList();
        assertThat(lines).anyMatch(l -> l.startsWith("-rwsr-xr-x 1 0") && l.endsWith(" setuid"));
        assertThat(lines).anyMatch(l -> l.startsWith("drwxrwxrwt ") && l.endsWith(" sticky"));
        assertThat(lines).anyMatch(l -> l.startsWith("---------- ") && l.endsWith(" none"));
        assertThat(Vfscope.run("ls", "-l", image("ext4"), "/links/relative").out())
                .matches("lrwxrwxrwx 1 0 0 13 \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d /links/relative -> \\.\\./README\\.txt\\R");
    }

    @Test
    void lsRecursiveTextHasASectionPerDirectory() {
        String out = Vfscope.run("ls", "-R", image("ext4"), "/deep").out();
        assertThat(out).isEqualTo(String.join(System.lineSeparator(), "/deep:", "a", "", "/deep/a:", "b", "",
                "/deep/a/b:", "c", "", "/deep/a/b/c:", "d", "", "/deep/a/b/c/d:", "e", "", "/deep/a/b/c/d/e:",
                "bottom.txt", ""));
    }

    // ---- exit statuses and messages -------------------------------------------------------------

    @Test
    void aMissingPathIsStatusTwoWithCoreutilsMessage() {
        Vfscope.Run ls = Vfscope.run("ls", image("ext4"), "/nope");
        assertThat(ls.status()).isEqualTo(2);
        assertThat(ls.err()).isEqualTo("vfscope: cannot access '/nope': No such file or directory" + System.lineSeparator());

        Vfscope.Run stat = Vfscope.run("stat", image("ext4"), "/x");
        assertThat(stat.status()).isEqualTo(2);
        assertThat(stat.err()).isEqualTo("vfscope: cannot stat '/x': No such file or directory" + System.lineSeparator());

        Vfscope.Run cat = Vfscope.run("cat", image("ext4"), "/deep");
        assertThat(cat.status()).isEqualTo(2);
        assertThat(cat.err()).isEqualTo("vfscope: cannot read '/deep': Is a directory" + System.lineSeparator());

        Vfscope.Run notDir = Vfscope.run("ls", image("ext4"), "/README.txt/x");
        assertThat(notDir.status()).isEqualTo(2);
        assertThat(notDir.err()).isEqualTo("vfscope: cannot access '/README.txt/x': Not a directory" + System.lineSeparator());
    }

    @Test
    void aMissingImageCannotBeReadAtAllStatusEight() {
        Path missing = dir.resolve("nope.img");
        for (String[] args : List.of(new String[] {"ls", missing.toString()}, new String[] {"info", missing.toString()},
                new String[] {"cat", missing.toString(), "/f"}, new String[] {"mkdir", missing.toString(), "/d"})) {
            Vfscope.Run run = Vfscope.run(args);
            assertThat(run.status()).as(args[0]).isEqualTo(8);
            assertThat(run.err()).isEqualTo("vfscope: " + missing + ": No such file or directory" + System.lineSeparator());
        }
        assertThat(Files.exists(missing)).as("mkdir did not create the image").isFalse();
    }

    @Test
    void somethingThatIsNotAnImageIsStatusEight() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.txt"), "just text\n".repeat(500));
        Vfscope.Run run = Vfscope.run("ls", text.toString());
        assertThat(run.status()).isEqualTo(8);
        assertThat(run.err()).isEqualTo("vfscope: " + text + ": no recognised filesystem" + System.lineSeparator());

        Vfscope.Run directory = Vfscope.run("ls", dir.toString());
        assertThat(directory.status()).isEqualTo(8);
        assertThat(directory.err()).isEqualTo("vfscope: " + dir + ": Is a directory" + System.lineSeparator());
    }

    @Test
    void aBadSuperblockIsStatusEightInOneLine() throws IOException {
        Path img = dir.resolve("bad.img");
        Files.copy(IMAGES.get("ext2-1k"), img);
        try (var ch = java.nio.channels.FileChannel.open(img, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {7, 0, 0, 0}), 1024 + 0x18); // s_log_block_size: 128 KiB blocks
        }
        Vfscope.Run run = Vfscope.run("ls", img.toString());
        assertThat(run.status()).isEqualTo(8);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).startsWith("vfscope: " + img + ": cannot mount ext2: superblock: ");

        Vfscope.Run noMagic = Vfscope.run("info", corruptMagic().toString());
        assertThat(noMagic.status()).isEqualTo(8);
        assertThat(noMagic.err()).endsWith(": no recognised filesystem" + System.lineSeparator());
    }

    private Path corruptMagic() throws IOException {
        Path img = dir.resolve("nomagic.img");
        Files.copy(IMAGES.get("ext2-1k"), img);
        try (var ch = java.nio.channels.FileChannel.open(img, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {0, 0}), 1024 + 0x38);
        }
        return img;
    }

    @Test
    void usageErrorsAreStatusOne() {
        assertThat(Vfscope.run("ls").status()).isEqualTo(1);
        assertThat(Vfscope.run("stat", image("ext4")).status()).isEqualTo(1);
        assertThat(Vfscope.run("ls", "--frobnicate", image("ext4")).status()).isEqualTo(1);
        assertThat(Vfscope.run("--partition", "0", "ls", image("ext4")).status()).isEqualTo(1);
        Vfscope.Run chmod = Vfscope.run("chmod", image("ext4"), "9z", "/README.txt");
        assertThat(chmod.status()).isEqualTo(1);
        assertThat(chmod.err()).startsWith("vfscope: MODE must be octal");
        Vfscope.Run partition = Vfscope.run("--partition", "1", "ls", image("ext4"));
        assertThat(partition.status()).isEqualTo(1);
        assertThat(partition.err()).isEqualTo("vfscope: " + image("ext4") + " has no partition table; leave out --partition"
                + System.lineSeparator());
    }

    @Test
    void errorsAreOneLineAndDebugAddsTheStackTrace() {
        Vfscope.Run plain = Vfscope.run("stat", image("ext4"), "/nope");
        assertThat(plain.errLines()).hasSize(1);
        Vfscope.Run debug = Vfscope.run("--debug", "stat", image("ext4"), "/nope");
        assertThat(debug.err()).startsWith("vfscope: cannot stat '/nope': No such file or directory").contains("\tat org.vfscope.");
    }

    @Test
    void everyImageCommandHasHelp() {
        for (String command : List.of("info", "ls", "stat", "cat", "get", "put", "mkdir", "rm", "mv", "ln", "chmod", "mkfs")) {
            Vfscope.Run run = Vfscope.run(command, "--help");
            assertThat(run.status()).as(command).isZero();
            assertThat(run.out()).as(command).startsWith("Usage: vfscope " + command).contains("Exit status");
        }
        assertThat(Vfscope.run("--help").out()).contains("info", "ls", "stat", "cat", "get", "put", "mkfs", "--partition");
    }

    @Test
    void writingAnExt4ImageWithAFeatureNotWrittenYetIsRefusedInOneLineAndChangesNothing() throws Exception {
        Path img = Tools.mke2fs(null, dir.resolve("ro.img"), "ext4", "16M", "-O", "mmp");
        String before = SourceTree.sha256(img);

        Vfscope.Run run = Vfscope.run("mkdir", img.toString(), "/new");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.errLines().get(run.errLines().size() - 1)).startsWith("vfscope: cannot modify '" + img
                + "': Read-only file system (writing ext4 with mmp is not supported yet");
        assertThat(SourceTree.sha256(img)).isEqualTo(before);
    }

    @Test
    void mkfsOfATypeNoDriverCanMakeFailsCleanlyAndCreatesNothing() {
        Path img = dir.resolve("new.img");
        Vfscope.Run run = Vfscope.run("mkfs", img.toString(), "--type", "xfs", "--size", "64M");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).startsWith("vfscope: mkfs for xfs is not available in this build");
        assertThat(Files.exists(img)).isFalse();
    }

    // ---- info -----------------------------------------------------------------------------------

    @Test
    void infoJsonOfABareImageHasNoPartitionsAndTheSuperblock() {
        JsonNode info = Vfscope.run("info", "--json", image("ext2-1k")).json();

        assertThat(info.get("partition_table").isNull()).isTrue();
        assertThat(info.get("partitions")).isEmpty();
        assertThat(info.get("filesystems")).hasSize(1);
        JsonNode fs = info.get("filesystems").get(0);
        assertThat(fs.get("type").asText()).isEqualTo("ext2");
        assertThat(fs.get("partition").isNull()).isTrue();
        assertThat(fs.get("superblock").get("block_size").asInt()).isEqualTo(1024);
        assertThat(fs.get("superblock").get("blocks_count").asLong()).isEqualTo(16384);
        assertThat(fs.get("superblock").get("state").asText()).isEqualTo("clean");
        assertThat(fs.get("superblock").get("problems")).isEmpty();
    }

    private static List<Path> regularFiles(Path root) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Iterator<Path> it = s.iterator(); it.hasNext();) {
                Path p = it.next();
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    files.add(p);
                }
            }
        }
        return files;
    }
}
