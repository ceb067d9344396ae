package org.vfscope.fs.ext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.FileMode;
import org.vfscope.vfs.VfsException;

/**
 * Indexed (dir_index) directories stay indexed and valid as the engine adds and removes
 * entries, on ext2/ext3 and on ext4 with metadata_csum (dx_tail on root and nodes, a checksum
 * tail on every leaf): judged by e2fsck -fn (whose pass 2 checks every leaf's hashes against
 * the index, and every checksum), by debugfs's htree dump and listing, and by our own lookups
 * going through the index.
 */
class ExtHtreeWriteTest {
    private static final Pattern HTREE_NAME = Pattern.compile("(\\d+) 0x[0-9a-f]+-[0-9a-f]+ \\(\\d+\\) (\\S+)\\s*");

    /** Short, long and very long names, some with non-ASCII letters. */
    static String name(int i) {
        return switch (i % 4) {
            case 0 -> "f" + i;
            case 1 -> "entry-number-" + i;
            case 2 -> "grüße-" + i + "-" + "x".repeat(40);
            default -> "long-" + i + "-" + "y".repeat(180);
        };
    }

    private static void mknod(ExtRw rw, String path) {
        rw.p.mknod("/mnt" + path, FileMode.S_IFREG | 0644, 0);
    }

    /** Names debugfs sees in a directory (ls -p, live entries only). */
    static Set<String> debugfsNames(Path img, String dir) {
        Set<String> out = new TreeSet<>();
        Pattern lsP = Pattern.compile("^/(\\d+)/\\d+/\\d+/\\d+/(.*)/\\d*/$");
        for (String line : ExtTools.debugfs(img, "ls -p " + dir).split("\n")) {
            Matcher m = lsP.matcher(line);
            if (m.matches() && !m.group(1).equals("0") && !m.group(2).equals(".") && !m.group(2).equals("..")) {
                out.add(m.group(2));
            }
        }
        return out;
    }

    /** Whether debugfs reports EXT2_INDEX_FL on {@code dir} (ext4 adds other flags, such as EXTENTS). */
    static boolean indexed(Path img, String dir) {
        Matcher m = Pattern.compile("Flags: 0x([0-9a-f]+)").matcher(ExtTools.debugfs(img, "stat " + dir));
        assertThat(m.find()).as("debugfs stat %s shows flags", dir).isTrue();
        return (Integer.parseUnsignedInt(m.group(1), 16) & ExtInodeRaw.FL_INDEX) != 0;
    }

    /** The names debugfs reaches by walking the index ("htree DIR"), and the depth it reports. */
    record Htree(int levels, Set<String> names) {
    }

    static Htree debugfsHtree(Path img, String dir) {
        String out = ExtTools.debugfs(img, "htree " + dir);
        Matcher lv = Pattern.compile("Indirect levels: (\\d+)").matcher(out);
        assertThat(lv.find()).as("debugfs htree %s shows an index:\n%s", dir,
                out.substring(0, Math.min(out.length(), 500))).isTrue();
        Set<String> names = new TreeSet<>();
        for (String line : out.split("\n")) {
            for (String part : line.split("\\s{2,}|^\\s+")) {
                Matcher m = HTREE_NAME.matcher(part.trim());
                if (m.matches() && !m.group(1).equals("0")) {
                    names.add(m.group(2));
                }
            }
        }
        return new Htree(Integer.parseInt(lv.group(1)), names);
    }

    /** Every name looked up through our index, none through the linear scan, nothing reported. */
    static void lookUpThroughIndex(Path img, String type, String dir, Set<String> names, List<String> absent) {
        ExtTools.Mounted m = ExtTools.mount(img, type);
        ExtStats stats = m.ext().stats();
        m.p().lstat("/mnt" + dir);
        long linear = stats.linearLookups();
        long htree = stats.htreeLookups();
        for (String n : names) {
            m.p().lstat("/mnt" + dir + "/" + n);
        }
        for (String n : absent) {
            String path = "/mnt" + dir + "/" + n;
            assertThatThrownBy(() -> m.p().lstat(path)).as(n).isInstanceOf(VfsException.class)
                    .extracting(e -> ((VfsException) e).errno()).isEqualTo(Errno.ENOENT);
        }
        assertThat(stats.htreeLookups() - htree).isEqualTo(names.size() + absent.size());
        assertThat(stats.linearLookups()).isEqualTo(linear);
        assertThat(stats.htreeFallbacks()).isZero();
        assertThat(m.ext().problems()).isEmpty();
    }

    /** Set equality, reported as what is missing and what is extra. */
    static void sameNames(Set<String> got, Set<String> want, String what) {
        Set<String> missing = new TreeSet<>(want);
        missing.removeAll(got);
        Set<String> extra = new TreeSet<>(got);
        extra.removeAll(want);
        assertThat(missing).as("%s: missing", what).isEmpty();
        assertThat(extra).as("%s: extra", what).isEmpty();
    }

    private static void judge(Path img, String type, String dir, Set<String> model, List<String> absent,
            String when) {
        ExtRefCheck.fsck(img, type + ", " + when);
        assertThat(indexed(img, dir)).as("%s stays indexed after %s", dir, when).isTrue();
        sameNames(debugfsNames(img, dir), model, "debugfs ls after " + when);
        sameNames(debugfsHtree(img, dir).names(), model, "names debugfs reaches through the index after " + when);
        lookUpThroughIndex(img, type, dir, model, absent);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ext2 1KiB, ext2, 1024, 96M", "ext3 4KiB, ext3, 4096, 128M", "ext4 1KiB, ext4, 1024, 96M",
            "ext4 4KiB, ext4, 4096, 128M"})
    void fiftyThousandEntriesGrowShrinkAndGrowAgainIndexed(String label, String type, int bs, String size,
            @TempDir Path tmp) {
        Path img = ExtTools.mkfs(tmp.resolve("img"), type, size, null, "-b", Integer.toString(bs), "-N", "70000");
        Set<String> model = new LinkedHashSet<>();
        ExtRw rw = ExtRw.mount(img, type);
        rw.p.mkdir("/mnt/big", 0755);
        long t0 = System.nanoTime();
        for (int i = 0; i < 50_000; i++) {
            mknod(rw, "/big/" + name(i));
            model.add(name(i));
        }
        long created = System.nanoTime() - t0;
        rw.unmount();
        System.out.printf("%s: 50,000 entries created in %d ms%n", label, created / 1_000_000);
        judge(img, type, "/big", model, List.of("absent", name(50_001)), "50,000 entries created");
        assertThat(debugfsHtree(img, "/big").levels()).isEqualTo(1);

        rw = ExtRw.mount(img, type);
        List<String> gone = new ArrayList<>();
        for (int i = 0; i < 50_000; i += 2) {
            rw.p.unlink("/mnt/big/" + name(i));
            model.remove(name(i));
            gone.add(name(i));
        }
        rw.unmount();
        judge(img, type, "/big", model, gone.subList(0, 200), "half deleted");

        rw = ExtRw.mount(img, type);
        for (int i = 50_000; i < 60_000; i++) {
            mknod(rw, "/big/" + name(i));
            model.add(name(i));
        }
        for (int i = 0; i < 2_000; i += 2) {
            mknod(rw, "/big/" + name(i));
            model.add(name(i));
        }
        rw.unmount();
        judge(img, type, "/big", model, gone.subList(1_000, 1_200), "more inserted");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ext2", "ext4"})
    void aPlainDirectoryBecomesIndexedWhenItsFirstBlockFills(String type, @TempDir Path tmp) {
        Path img = ExtTools.mkfs(tmp.resolve("img"), type, "8M", null, "-b", "1024");
        ExtRw rw = ExtRw.mount(img, type);
        rw.p.mkdir("/mnt/d", 0755);
        Set<String> model = new TreeSet<>();
        int i = 0;
        while (rw.p.lstat("/mnt/d").size() == 1024) {
            mknod(rw, "/d/" + name(i));
            model.add(name(i++));
        }
        assertThat(rw.p.lstat("/mnt/d").size()).as("root, old entries, their upper half").isEqualTo(3 * 1024);
        rw.unmount();
        judge(img, type, "/d", model, List.of("absent"), "conversion to an indexed directory");
        assertThat(debugfsHtree(img, "/d").levels()).isZero();

        rw = ExtRw.mount(img, type);
        rw.p.mkdir("/mnt/small", 0755);
        for (int k = 0; k < 5; k++) {
            mknod(rw, "/small/" + name(k));
        }
        rw.p.rename("/mnt/d/" + name(0), "/mnt/small/moved");
        model.remove(name(0));
        rw.p.mkdir("/mnt/d/sub", 0755);
        rw.p.rename("/mnt/d/sub", "/mnt/small/sub");
        rw.unmount();
        ExtRefCheck.fsck(img, type + ", a small directory and renames out of an indexed one");
        assertThat(indexed(img, "/small")).as("one block needs no index").isFalse();
        assertThat(indexed(img, "/d")).as("renames out keep the index").isTrue();
        assertThat(debugfsNames(img, "/d")).isEqualTo(model);

        rw = ExtRw.mount(img, type);
        rw.p.rename("/mnt/d", "/mnt/small/d");
        rw.unmount();
        ExtRefCheck.fsck(img, type + ", an indexed directory moved to another parent (its '..' is in the dx root)");
        assertThat(indexed(img, "/small/d")).isTrue();
        assertThat(ExtTools.debugfs(img, "ls -l /small/d/..")).contains("moved");

        rw = ExtRw.mount(img, type);
        for (String n : model) {
            rw.p.unlink("/mnt/small/d/" + n);
        }
        rw.p.rmdir("/mnt/small/d");
        rw.unmount();
        ExtRefCheck.fsck(img, type + ", an indexed directory emptied and removed");
        assertThat(debugfsNames(img, "/small")).doesNotContain("d");
    }

    /**
     * large_dir on ext4 with metadata_csum at 1 KiB: once the root's nodes are full a third
     * level (root, two levels of nodes) is pushed in; without large_dir the directory stops
     * at two levels with ENOSPC, as ext4_dx_add_entry does. The image stays clean either way.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"large_dir", "^large_dir"})
    void aThirdIndexLevelNeedsLargeDir(String feature, @TempDir Path tmp) {
        Path img = ExtTools.mkfs(tmp.resolve("img"), "ext4", "160M", null, "-b", "1024", "-N", "60000", "-O", feature);
        ExtRw rw = ExtRw.mount(img, "ext4");
        rw.p.mkdir("/mnt/d", 0755);
        Set<String> model = new LinkedHashSet<>();
        Errno full = null;
        for (int i = 0; i < 50_000 && full == null; i++) {
            String n = "n" + i + "-" + "w".repeat(240); // three to a 1 KiB leaf
            try {
                mknod(rw, "/d/" + n);
                model.add(n);
            } catch (VfsException e) {
                full = e.errno();
            }
        }
        rw.unmount();
        boolean largeDir = feature.equals("large_dir");
        assertThat(full).as("the index is full without large_dir").isEqualTo(largeDir ? null : Errno.ENOSPC);
        System.out.printf("ext4 1KiB, %s: %d long names%s%n", feature, model.size(), full == null ? "" : " until " + full);
        judge(img, "ext4", "/d", model, List.of("absent"), model.size() + " long names, " + feature);
        assertThat(debugfsHtree(img, "/d").levels()).isEqualTo(largeDir ? 2 : 1);
    }

    /**
     * An index the writer cannot use (an unknown hash version in the dx root): the entry is
     * added linearly and the index dropped, as ext4's dx_fallback; under metadata_csum the dx
     * root and nodes become sealed leaves, so e2fsck -fn has nothing to fix.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ext2", "ext4"})
    void anUnusableIndexIsDroppedOnAdd(String type, @TempDir Path tmp) throws IOException {
        Path src = Files.createDirectories(tmp.resolve("src/d"));
        Set<String> model = new TreeSet<>();
        // 3,000 names fill about twice the 124 leaves a 1 KiB dx root can point to, so e2fsck -D
        // makes one level of nodes however tightly it packs the leaves.
        for (int i = 0; i < 3000; i++) {
            Files.createFile(src.resolve(name(i)));
            model.add(name(i));
        }
        Path img = ExtTools.mkfs(tmp.resolve("img"), type, "32M", tmp.resolve("src"), "-b", "1024");
        ExtTools.reindex(img);
        assertThat(debugfsHtree(img, "/d").levels()).isEqualTo(1);
        Matcher first = Pattern.compile("(\\d+)").matcher(ExtTools.debugfs(img, "blocks /d"));
        assertThat(first.find()).isTrue();
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
            f.seek(Long.parseLong(first.group(1)) * 1024 + DxNode.ROOT_INFO + 4);
            f.write(7); // dx_root_info.hash_version: none that exists
        }
        ExtRw rw = ExtRw.mount(img, type);
        mknod(rw, "/d/added");
        model.add("added");
        rw.unmount();
        ExtRefCheck.fsck(img, type + ", an entry added to a directory with an unusable index");
        assertThat(indexed(img, "/d")).as("the index is dropped").isFalse();
        assertThat(debugfsNames(img, "/d")).isEqualTo(model);
    }

    /**
     * Every hash the superblock can ask for, signed and unsigned: the new index uses
     * s_def_hash_version and the signedness flag, as e2fsck checks when it recomputes each hash.
     */
    @ParameterizedTest(name = "{2} {0}, unsigned {1}")
    @CsvSource({"half_md4, false, ext2", "half_md4, true, ext2", "tea, false, ext2", "tea, true, ext2",
            "legacy, false, ext2", "legacy, true, ext2", "half_md4, true, ext4", "tea, false, ext4",
            "legacy, true, ext4"})
    void newIndexesUseTheSuperblockHash(String hashAlg, boolean unsigned, String type, @TempDir Path tmp) {
        Path img = ExtTools.mkfs(tmp.resolve("img"), type, "16M", null, "-b", "1024");
        ExtTools.run("tune2fs", "-E", "hash_alg=" + hashAlg, img.toString());
        ExtTools.debugfsWrite(img, "ssv flags " + (unsigned ? 2 : 1));
        ExtRw rw = ExtRw.mount(img, type);
        rw.p.mkdir("/mnt/d", 0755);
        Set<String> model = new TreeSet<>();
        for (int i = 0; i < 1500; i++) {
            String n = name(i) + (i % 3 == 0 ? "-\u00e9\u00df\u00fc" : "");
            mknod(rw, "/d/" + n);
            model.add(n);
        }
        rw.unmount();
        assertThat(ExtTools.debugfs(img, "htree /d")).contains("Hash Version: " + switch (hashAlg) {
            case "legacy" -> 0;
            case "half_md4" -> 1;
            default -> 2;
        });
        judge(img, type, "/d", model, List.of("absent"), hashAlg + (unsigned ? " unsigned" : " signed"));
        assertThat(debugfsHtree(img, "/d").levels()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ext2", "ext4"})
    void withoutDirIndexDirectoriesStayPlain(String type, @TempDir Path tmp) {
        Path img = ExtTools.mkfs(tmp.resolve("img"), type, "8M", null, "-b", "1024", "-O", "^dir_index");
        ExtRw rw = ExtRw.mount(img, type);
        rw.p.mkdir("/mnt/d", 0755);
        for (int i = 0; i < 300; i++) {
            mknod(rw, "/d/" + name(i));
        }
        for (int i = 0; i < 300; i += 3) {
            rw.p.unlink("/mnt/d/" + name(i));
        }
        rw.unmount();
        ExtRefCheck.fsck(img, type + ", 300 entries without dir_index, a third deleted");
        assertThat(indexed(img, "/d")).isFalse();
        assertThat(debugfsNames(img, "/d")).hasSize(200);
    }

    /**
     * Legacy-hash directories with families of names sharing one hash, longer than a leaf holds:
     * splits put the collision bit on index entries, and lookups follow the run across leaves.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ext2", "ext4"})
    void equalHashesSpanLeavesThroughTheCollisionBit(String type, @TempDir Path tmp) {
        Path img = ExtTools.mkfs(tmp.resolve("img"), type, "16M", null, "-b", "1024");
        ExtTools.run("tune2fs", "-E", "hash_alg=legacy", img.toString());
        List<String> names = new ArrayList<>();
        for (String stem : List.of("alpha-", "beta-")) {
            List<String> family = LegacyHashCollisions.family(stem + "c".repeat(200) + "-", 10);
            assertThat(family).extracting(LegacyHashCollisions::hashOf).containsOnly(
                    LegacyHashCollisions.hashOf(family.get(0)));
            names.addAll(family);
        }
        for (int i = 0; i < 400; i++) {
            names.add(name(i));
        }
        java.util.Collections.shuffle(names, new java.util.Random(7));
        Set<String> model = new TreeSet<>();
        ExtRw rw = ExtRw.mount(img, type);
        rw.p.mkdir("/mnt/d", 0755);
        for (String n : names) {
            mknod(rw, "/d/" + n);
            model.add(n);
        }
        rw.unmount();
        judge(img, type, "/d", model, List.of(names.get(0) + "x"), "adding hash collisions");
        String htree = ExtTools.debugfs(img, "htree /d");
        assertThat(htree).as("an index entry carries the collision bit").containsPattern(
                "Hash 0x[0-9a-f]{7}[13579bdf], block");

        rw = ExtRw.mount(img, type);
        List<String> gone = new ArrayList<>();
        for (int i = 0; i < names.size(); i += 3) {
            rw.p.unlink("/mnt/d/" + names.get(i));
            model.remove(names.get(i));
            gone.add(names.get(i));
        }
        for (String stem : List.of("alpha-", "delta-")) {
            for (String n : LegacyHashCollisions.family(stem + "c".repeat(200) + "-", 8)) {
                if (model.add(n)) {
                    gone.remove(n);
                    mknod(rw, "/d/" + n);
                }
            }
        }
        rw.unmount();
        judge(img, type, "/d", model, gone, "deleting and adding more collisions");
    }
}
