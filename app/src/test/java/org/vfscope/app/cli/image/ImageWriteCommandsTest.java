package org.vfscope.app.cli.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vfscope.app.image.Drivers;
import org.vfscope.fs.Mkfs;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The modifying commands on ext2 and ext3: after each batch, {@code e2fsck -fn} must pass and
 * e2fsprogs ({@code debugfs rdump}) must read back the expected tree. They need the ext driver's
 * write side: until it lands every test here is skipped, by {@link #extWriteAvailable()}.
 */
@Tag("needs-ext-write")
class ImageWriteCommandsTest {

    @TempDir
    static Path shared;

    static Path tree;
    private static Boolean writable;

    @TempDir
    Path dir;

    @BeforeAll
    static void buildTree() throws Exception {
        assumeTrue(Tools.available("mke2fs") && Tools.available("e2fsck") && Tools.available("debugfs"),
                "e2fsprogs is needed");
        tree = Files.createDirectory(shared.resolve("tree"));
        SourceTree.build(tree);
    }

    @BeforeEach
    void needsExtWrite() throws Exception {
        assumeTrue(extWriteAvailable(), "the ext driver cannot write yet (ext2/ext3 write side not in this build)");
    }

    /** Whether a mkdir on a freshly made ext2 image succeeds: the ext write side is there. */
    static synchronized boolean extWriteAvailable() throws Exception {
        if (writable == null) {
            Path img = Tools.mke2fs(null, Files.createTempFile("vfscope-probe", ".img"), "ext2", "4M");
            try {
                writable = Vfscope.run("mkdir", img.toString(), "/probe").status() == 0;
            } finally {
                Files.deleteIfExists(img);
            }
        }
        return writable;
    }

    // ---- put --------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"ext2-1k", "ext2-4k", "ext3"})
    void putOfATreeIntoAnEmptyImageReadsBackExactlyThroughE2fsprogs(String kind) throws Exception {
        Path img = empty(kind);

        Vfscope.Run put = Vfscope.run("put", img.toString(), tree.toString(), "/");

        assertThat(put.status()).as(put.err()).isZero();
        assertFsckClean(img);
        assertThat(listed(img, "/")).containsExactlyElementsOf(SourceTree.expectedEntries(tree));
        assertRdumpMatchesTree(img, "/", tree);
        JsonNode sparse = Vfscope.run("stat", "--json", img.toString(), "/sparse.bin").json();
        assertThat(sparse.get("blocks").asLong()).as("holes stay holes").isLessThan(2 * 1024 * 1024 / 512 / 10);
        JsonNode hard = Vfscope.run("stat", "--json", img.toString(), "/links/hard2").json();
        assertThat(hard.get("ino").asLong()).isEqualTo(
                Vfscope.run("stat", "--json", img.toString(), "/links/hard1").json().get("ino").asLong());
        assertKernelReadsTheSameTree(img, tree);
    }

    @Test
    void putFragmentsNoFileMoreThanMke2fsDDoes() throws Exception {
        // Sparse files with isolated blocks between files of many blocks, in the order put and
        // mke2fs -d both write them (sorted names): an isolated block must not split the next run.
        Path src = Files.createDirectory(dir.resolve("frag"));
        Random random = new Random(7);
        for (int i = 0; i < 6; i++) {
            try (var sparse = FileChannel.open(src.resolve("f" + i + "a-sparse.img"),
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                for (int k = 0; k < 3; k++) {
                    sparse.write(ByteBuffer.wrap(("sparse " + i + " " + k).getBytes()), (k * 97L + i * 13) * 4096);
                }
                sparse.truncate(4L << 20);
            }
            byte[] big = new byte[(100 + random.nextInt(400)) * 4096 + random.nextInt(4096)];
            random.nextBytes(big);
            Files.write(src.resolve("f" + i + "b-big.bin"), big);
            byte[] small = new byte[1 + random.nextInt(3 * 4096)];
            random.nextBytes(small);
            Files.write(src.resolve("f" + i + "c-small.txt"), small);
        }
        for (String type : List.of("ext4", "ext2")) {
            Path ref = Tools.mke2fs(src, dir.resolve("ref-" + type + ".img"), type, "64M", "-b", "4096");
            Path ours = Tools.mke2fs(null, dir.resolve("ours-" + type + ".img"), type, "64M", "-b", "4096");

            Vfscope.Run put = Vfscope.run("put", ours.toString(), src.toString(), "/");

            assertThat(put.status()).as(put.err()).isZero();
            assertFsckClean(ours);
            try (var files = Files.list(src)) {
                for (Path f : files.sorted().toList()) {
                    String path = "/" + f.getFileName();
                    assertThat(dataRuns(ours, path)).as(type + " " + path + ": runs of blocks against mke2fs -d's")
                            .isLessThanOrEqualTo(dataRuns(ref, path));
                }
            }
        }
    }

    /** The runs of physically contiguous data blocks of a file, as debugfs lists its blocks. */
    private static int dataRuns(Path img, String path) throws Exception {
        // debugfs stat's BLOCKS: "(0-11):1234-1245, (IND):1246, (12-99):1247-1334" for a block map,
        // EXTENTS: "(0-99):1234-1333" for an extent tree; entries like (IND) or (ETB0) are not data.
        String stat = debugfs(img, "stat " + path);
        int at = stat.contains("EXTENTS:") ? stat.indexOf("EXTENTS:") : stat.indexOf("BLOCKS:");
        String blocks = stat.substring(at);
        Matcher m = Pattern.compile("\\((\\d+)(?:-(\\d+))?\\):(\\d+)(?:-(\\d+))?").matcher(blocks);
        int runs = 0;
        long nextLogical = -1;
        long nextPhysical = -1;
        while (m.find()) {
            long logical = Long.parseLong(m.group(1));
            long physical = Long.parseLong(m.group(3));
            if (logical != nextLogical || physical != nextPhysical) {
                runs++;
            }
            nextLogical = Long.parseLong(m.group(2) != null ? m.group(2) : m.group(1)) + 1;
            nextPhysical = Long.parseLong(m.group(4) != null ? m.group(4) : m.group(3)) + 1;
        }
        return runs;
    }

    @Test
    void putIntoAnImageMadeByMke2fsDMergesIntoANewDirectory() throws Exception {
        Path img = Tools.mke2fs(tree, dir.resolve("d.img"), "ext2", "32M");
        Path extra = Files.createDirectories(dir.resolve("extra/sub"));
        Files.writeString(extra.resolve("new.txt"), "new\n");

        Vfscope.Run put = Vfscope.run("put", img.toString(), dir.resolve("extra").toString(), "/imported/here");

        assertThat(put.status()).as(put.err()).isZero();
        assertFsckClean(img);
        assertThat(Vfscope.run("cat", img.toString(), "/imported/here/sub/new.txt").out()).isEqualTo("new\n");
        assertRdumpMatchesTree(img, "/imported/here", dir.resolve("extra"));
        assertThat(Vfscope.run("cat", img.toString(), "/README.txt").out()).isEqualTo("hello from the source tree\n");
    }

    @Test
    void aLocalNameTheJvmCannotDecodeIsReportedAndSkippedNotStoredAsReplacementCharacters() throws Exception {
        Path img = Tools.mke2fs(tree, dir.resolve("d.img"), "ext2", "32M");
        Path src = Files.createDirectories(dir.resolve("names"));
        Files.writeString(src.resolve("fine.txt"), "fine\n");
        // A name of bytes that are not UTF-8 (0xff), made by the shell: Java cannot spell it.
        java.lang.Process touch = new ProcessBuilder("sh", "-c", "printf bad > \"$(printf 'x\\377y')\"").directory(src.toFile())
                .inheritIO().start();
        assertThat(touch.waitFor()).isZero();

        Vfscope.Run put = Vfscope.run("put", img.toString(), src.toString(), "/in");

        assertThat(put.status()).isEqualTo(2);
        assertThat(put.err()).contains("cannot import").contains("names/x").contains("file-name encoding");
        assertThat(Vfscope.run("cat", img.toString(), "/in/fine.txt").out()).isEqualTo("fine\n");
        assertThat(Vfscope.run("ls", img.toString(), "/in").out()).isEqualTo("fine.txt\n");
        assertFsckClean(img);
    }

    @Test
    void putOfOneFileOverAnExistingOneReplacesIt() throws Exception {
        Path img = Tools.mke2fs(tree, dir.resolve("d.img"), "ext2", "32M");
        Path file = Files.writeString(dir.resolve("README.txt"), "replaced\n");

        assertThat(Vfscope.run("put", img.toString(), file.toString(), "/").status()).isZero();

        assertThat(Vfscope.run("cat", img.toString(), "/README.txt").out()).isEqualTo("replaced\n");
        assertFsckClean(img);
    }

    @Test
    void putCopiesExtendedAttributesAndAclsAsMke2fsDDoes() throws Exception {
        assumeTrue(Tools.available("setfattr") && Tools.available("setfacl") && Tools.available("getfattr"),
                "the attr and acl tools are needed");
        Path src = Files.createDirectories(dir.resolve("xsrc/sub"));
        Path file = Files.writeString(src.resolve("file.txt"), "x\n");
        Path odd = Files.writeString(src.resolve("a name\nwith a newline"), "y\n");
        Path link = Files.createSymbolicLink(src.resolve("link"), Path.of("file.txt"));
        Tools.check("setfattr", "-n", "user.comment", "-v", "hello", file.toString());
        Tools.check("setfattr", "-n", "user.binary", "-v", "0x00ff0102", file.toString());
        Tools.check("setfattr", "-n", "security.label", "-v", "lab", file.toString());
        Tools.check("setfattr", "-n", "user.odd", "-v", "1", odd.toString());
        Tools.check("setfacl", "-m", "u:1000:rw,g:100:r", file.toString());
        Tools.check("setfacl", "-d", "-m", "g:100:rx", src.toString());
        Tools.check("setfattr", "-n", "user.empty", src.toString());
        boolean root = "0".equals(Tools.check("id", "-u").strip());
        if (root) { // trusted.* exists for root only, on a symlink too
            Tools.check("setfattr", "-n", "trusted.t", "-v", "tv", file.toString());
            Tools.check("setfattr", "-h", "-n", "trusted.l", "-v", "lv", link.toString());
        }
        Path ours = Tools.mke2fs(null, dir.resolve("ours.img"), "ext2", "8M", "-b", "1024");
        Path ref = Tools.mke2fs(dir.resolve("xsrc"), dir.resolve("ref.img"), "ext2", "8M", "-b", "1024");

        Vfscope.Run put = Vfscope.run("put", ours.toString(), dir.resolve("xsrc").toString(), "/");

        assertThat(put.status()).as(put.err()).isZero();
        assertThat(put.err()).isEmpty();
        assertFsckClean(ours);
        for (String path : List.of("/sub", "/sub/file.txt", "/sub/a name\nwith a newline", "/sub/link")) {
            List<String> want = eaList(ref, path);
            assertThat(eaList(ours, path)).as(path).containsExactlyInAnyOrderElementsOf(want);
        }
        assertThat(eaList(ours, "/sub/file.txt")).contains("  user.comment (5) = \"hello\"")
                .anyMatch(l -> l.startsWith("  system.posix_acl_access (")).hasSize(root ? 5 : 4);
        assertThat(eaList(ours, "/sub")).anyMatch(l -> l.startsWith("  system.posix_acl_default ("));
        assertThat(Tools.check("debugfs", "-R", "stat /sub/file.txt", ours.toString()))
                .contains("Mode:  0664"); // the ACL's mask (rw) is the group bits, as setfacl left them
    }

    /** {@code debugfs -R "ea_list PATH"}: one line per attribute (sorted as debugfs prints them). */
    private static List<String> eaList(Path img, String path) throws Exception {
        String out = Tools.check("debugfs", "-R", "ea_list \"" + path + "\"", img.toString());
        return out.lines().filter(l -> l.startsWith("  ")).toList();
    }

    // ---- mkdir, mv, rm -r, ln, chmod ------------------------------------------------------------

    @Test
    void aBatchOfChangesLeavesAConsistentFilesystemThatE2fsprogsReadsAsExpected() throws Exception {
        Path img = Tools.mke2fs(tree, dir.resolve("d.img"), "ext2", "32M");
        String i = img.toString();

        assertThat(Vfscope.run("mkdir", "-p", i, "/a/b/c").status()).isZero();
        assertThat(Vfscope.run("mkdir", i, "/a/b/d").status()).isZero();
        assertThat(Vfscope.run("mv", i, "/README.txt", "/a/b").status()).isZero();
        assertThat(Vfscope.run("mv", i, "/empty.txt", "/a/renamed.txt").status()).isZero();
        assertThat(Vfscope.run("rm", "-r", i, "/deep").status()).isZero();
        assertThat(Vfscope.run("rm", i, "/sizes/b1").status()).isZero();
        assertThat(Vfscope.run("ln", "-s", i, "../README.txt", "/a/sym").status()).isZero();
        assertThat(Vfscope.run("ln", i, "/a/b/README.txt", "/hard").status()).isZero();
        assertThat(Vfscope.run("chmod", i, "4711", "/a/renamed.txt").status()).isZero();

        assertFsckClean(img);
        assertThat(debugfs(img, "cat /a/b/README.txt")).isEqualTo("hello from the source tree\n");
        assertThat(debugfs(img, "stat /hard")).contains("Links: 2");
        assertThat(debugfs(img, "stat /a/renamed.txt")).contains("Mode:  04711");
        assertThat(debugfs(img, "stat /a/sym")).contains("Fast link dest: \"../README.txt\"");
        assertThat(debugfs(img, "ls -l /")).doesNotContain("deep", "README.txt");
        assertThat(debugfs(img, "ls /a/b")).contains("c", "d", "README.txt");
        assertThat(debugfs(img, "ls /sizes")).doesNotContain(" b1 ");
    }

    @Test
    void changesToAnExt4WithInlineDataConvertWhatTheyTouchAndE2fsckPasses() throws Exception {
        Path src = Files.createDirectories(dir.resolve("inline-src/small"));
        Files.writeString(src.resolve("a.txt"), "tiny\n");
        Files.writeString(src.resolve("b.txt"), "b".repeat(90));
        Files.createDirectories(dir.resolve("inline-src/gone"));
        Files.writeString(dir.resolve("inline-src/gone/x"), "x\n");
        Files.writeString(dir.resolve("inline-src/note.txt"), "n".repeat(70));
        Path img = Tools.mke2fs(dir.resolve("inline-src"), dir.resolve("inline.img"), "ext4", "16M", "-O", "inline_data");
        String i = img.toString();
        assertThat(debugfs(img, "stat /small")).contains("Size of inline data");
        Path bigger = Files.writeString(dir.resolve("note.txt"), "replaced ".repeat(500));

        assertThat(Vfscope.run("put", i, bigger.toString(), "/").status()).isZero(); // over an inline file
        assertThat(Vfscope.run("put", i, bigger.toString(), "/small").status()).isZero(); // into an inline dir
        assertThat(Vfscope.run("mkdir", i, "/small/sub").status()).isZero();
        assertThat(Vfscope.run("mv", i, "/small/b.txt", "/small/sub/b.txt").status()).isZero();
        assertThat(Vfscope.run("rm", i, "/small/a.txt").status()).isZero();
        assertThat(Vfscope.run("rm", "-r", i, "/gone").status()).isZero(); // an inline dir and its inline file

        assertFsckClean(img);
        assertThat(debugfs(img, "cat /note.txt")).isEqualTo("replaced ".repeat(500));
        assertThat(debugfs(img, "cat /small/note.txt")).isEqualTo("replaced ".repeat(500));
        assertThat(debugfs(img, "stat /small")).doesNotContain("Size of inline data");
        assertThat(debugfs(img, "stat /small/sub/b.txt")).contains("Size of inline data: 90");
        assertThat(debugfs(img, "cat /small/sub/b.txt")).isEqualTo("b".repeat(90));
        assertThat(debugfs(img, "ls /")).doesNotContain("gone");
        assertThat(debugfs(img, "ls /small")).doesNotContain("a.txt");
    }

    @Test
    void failuresNameThePathAndTheReason() throws Exception {
        Path img = Tools.mke2fs(tree, dir.resolve("d.img"), "ext2", "32M");
        String i = img.toString();

        Vfscope.Run rmDir = Vfscope.run("rm", i, "/deep");
        assertThat(rmDir.status()).isEqualTo(2);
        assertThat(rmDir.err()).isEqualTo("vfscope: cannot remove '/deep': Is a directory" + System.lineSeparator());
        Vfscope.Run exists = Vfscope.run("mkdir", i, "/sizes");
        assertThat(exists.status()).isEqualTo(2);
        assertThat(exists.err()).isEqualTo("vfscope: cannot create directory '/sizes': File exists" + System.lineSeparator());
        Vfscope.Run root = Vfscope.run("rm", "-r", i, "/");
        assertThat(root.status()).isEqualTo(2);
        Vfscope.Run missing = Vfscope.run("mv", i, "/nope", "/x");
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("vfscope: cannot access '/nope': No such file or directory" + System.lineSeparator());
        assertFsckClean(img);
    }

    // ---- mkfs -------------------------------------------------------------------------------------

    @Test
    void mkfsMakesAnExt2ThatE2fsckPassesAndThatTakesATree() throws Exception {
        Drivers.load();
        assumeTrue(Mkfs.forType("ext2").isPresent(), "mkfs for ext2 is not registered yet");
        Path img = dir.resolve("new.img");

        Vfscope.Run mkfs = Vfscope.run("mkfs", img.toString(), "--type", "ext2", "--size", "64M");

        assertThat(mkfs.status()).as(mkfs.err()).isZero();
        assertThat(Files.size(img)).isEqualTo(64L << 20);
        assertFsckClean(img);
        assertThat(Vfscope.run("put", img.toString(), tree.toString(), "/").status()).isZero();
        assertFsckClean(img);
        assertRdumpMatchesTree(img, "/", tree);
        Vfscope.Run again = Vfscope.run("mkfs", img.toString(), "--type", "ext2");
        assertThat(again.status()).isEqualTo(2);
        assertThat(again.err()).contains("already holds an ext2 filesystem; use --force");
    }

    @Test
    void mkfsMakesAnExt4ThatE2fsckPassesAndThatTakesATree() throws Exception {
        Path img = dir.resolve("new4.img");

        Vfscope.Run mkfs = Vfscope.run("mkfs", img.toString(), "--type", "ext4", "--size", "64M");

        assertThat(mkfs.status()).as(mkfs.err()).isZero();
        assertFsckClean(img);
        assertThat(Vfscope.run("put", img.toString(), tree.toString(), "/").status()).isZero();
        assertFsckClean(img);
        assertRdumpMatchesTree(img, "/", tree);
        assertThat(Vfscope.run("info", "--json", img.toString()).out()).contains("metadata_csum");
    }

    // ---- random sequences -------------------------------------------------------------------------

    @Test
    void randomOperationSequencesKeepTheModelAndAConsistentFilesystem() throws Exception {
        for (long seed = 1; seed <= 3; seed++) {
            Path img = Tools.mke2fs(null, dir.resolve("r" + seed + ".img"), "ext2", "8M", "-b", "1024");
            Map<String, String> model = new TreeMap<>(); // path -> content, or null for a directory
            Random random = new Random(seed);
            for (int step = 0; step < 25; step++) {
                randomStep(img, model, random);
            }
            assertFsckClean(img);
            Map<String, String> listed = new TreeMap<>();
            for (JsonNode e : Vfscope.run("ls", "-R", "--json", img.toString(), "/").json()) {
                String path = e.get("path").asText();
                if (!path.startsWith("/lost+found")) {
                    listed.put(path, e.get("type").asText().equals("dir") ? null
                            : Vfscope.run("cat", img.toString(), path).out());
                }
            }
            assertThat(listed).as("seed " + seed).isEqualTo(model);
        }
    }

    private void randomStep(Path img, Map<String, String> model, Random random) throws IOException {
        List<String> dirs = new ArrayList<>(List.of("/"));
        model.forEach((p, c) -> {
            if (c == null) {
                dirs.add(p);
            }
        });
        String parent = dirs.get(random.nextInt(dirs.size()));
        String name = ImagePaths.child(parent, "n" + random.nextInt(6));
        int op = random.nextInt(4);
        boolean free = !model.containsKey(name);
        if (op == 0 && free) {
            assertThat(Vfscope.run("mkdir", img.toString(), name).status()).isZero();
            model.put(name, null);
        } else if (op == 1 && free) {
            String content = "x".repeat(random.nextInt(5000));
            Path local = Files.writeString(dir.resolve("f.txt"), content);
            assertThat(Vfscope.run("put", img.toString(), local.toString(), name).status()).isZero();
            model.put(name, content);
        } else if (op == 2 && !free) {
            assertThat(Vfscope.run("rm", "-r", img.toString(), name).status()).isZero();
            model.keySet().removeIf(p -> p.equals(name) || p.startsWith(name + "/"));
        } else if (op == 3 && !free && model.get(name) != null) {
            String to = name + "-moved";
            if (!model.containsKey(to)) {
                assertThat(Vfscope.run("mv", img.toString(), name, to).status()).isZero();
                model.put(to, model.remove(name));
            }
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private Path empty(String kind) throws Exception {
        Path img = dir.resolve(kind + ".img");
        return switch (kind) {
            case "ext2-1k" -> Tools.mke2fs(null, img, "ext2", "32M", "-b", "1024");
            case "ext2-4k" -> Tools.mke2fs(null, img, "ext2", "32M", "-b", "4096");
            default -> Tools.mke2fs(null, img, "ext3", "32M");
        };
    }

    private static void assertFsckClean(Path img) throws Exception {
        Tools.Result r = Tools.run(List.of("e2fsck", "-fn", img.toString()));
        assertThat(r.status()).as("e2fsck -fn:\n" + r.output()).isZero();
    }

    private static String debugfs(Path img, String request) throws Exception {
        return Tools.check("debugfs", "-R", request, img.toString()).replaceFirst("^debugfs [^\\n]*\\n", "");
    }

    /** The ls -R --json entries without ino (and lost+found), in the shape of {@link SourceTree#expectedEntries}. */
    private static List<Map<String, Object>> listed(Path img, String path) {
        List<Map<String, Object>> listed = new ArrayList<>();
        for (JsonNode e : Vfscope.run("ls", "-R", "--json", img.toString(), path).json()) {
            if (e.get("path").asText().startsWith("/lost+found")) {
                continue;
            }
            listed.add(SourceTree.comparable(e));
        }
        return listed;
    }

    /** debugfs rdump of {@code imagePath} has the files, contents and symlink targets of {@code local}. */
    private void assertRdumpMatchesTree(Path img, String imagePath, Path local) throws Exception {
        Path out = Files.createTempDirectory(dir, "rdump");
        Tools.check("debugfs", "-R", "rdump " + imagePath + " " + out, img.toString());
        Path dumped = out.resolve(imagePath.equals("/") ? "" : ImagePaths.name(imagePath));
        assertSameFiles(local, imagePath.equals("/") ? out : dumped);
    }

    private static void assertSameFiles(Path expected, Path actual) throws IOException {
        List<Path> all;
        try (var s = Files.walk(expected)) {
            all = s.toList();
        }
        for (Path e : all) {
            Path a = actual.resolve(expected.relativize(e).toString());
            if (Files.isSymbolicLink(e)) {
                assertThat(Files.readSymbolicLink(a)).as(a.toString()).isEqualTo(Files.readSymbolicLink(e));
            } else if (Files.isRegularFile(e, LinkOption.NOFOLLOW_LINKS)) {
                assertThat(SourceTree.sha256(a)).as(a.toString()).isEqualTo(SourceTree.sha256(e));
            } else if (Files.isDirectory(e, LinkOption.NOFOLLOW_LINKS)) {
                assertThat(Files.isDirectory(a, LinkOption.NOFOLLOW_LINKS)).as(a.toString()).isTrue();
            }
        }
    }

    /** Where the machine lets us (root, loop devices), the Linux kernel itself reads the tree back. */
    private void assertKernelReadsTheSameTree(Path img, Path local) throws Exception {
        if (!SourceTree.isRoot() || !Tools.available("mount")) {
            return;
        }
        Path mnt = Files.createDirectory(dir.resolve("mnt"));
        if (Tools.run(List.of("mount", "-o", "loop,ro", img.toString(), mnt.toString())).status() != 0) {
            return; // no loop devices here (a container): e2fsprogs was the judge
        }
        try {
            assertSameFiles(local, mnt);
        } finally {
            Tools.run(List.of("umount", mnt.toString()));
        }
    }
}
