package org.vfscope.fs.ext;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.FileMode;
import org.vfscope.vfs.VfsException;

/**
 * Random adds, removes and renames in one directory, against a model set: every errno the
 * engine gives agrees with the model (EEXIST and ENOENT come from lookups through the index),
 * and afterwards e2fsck -fn is clean and debugfs lists, and reaches through the index,
 * exactly the model's names.
 */
class ExtHtreePropertyTest {
    /** Name ids: few enough to collide often, many enough to need splits and a second level. */
    private static final int IDS = 2500;

    sealed interface Op permits Add, Remove, Rename {
    }

    record Add(int id) implements Op {
    }

    record Remove(int id) implements Op {
    }

    record Rename(int from, int to) implements Op {
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Integer> id = Arbitraries.integers().between(0, IDS - 1);
        Arbitrary<Op> op = Arbitraries.frequencyOf(
                Tuple.of(12, id.map(Add::new)),
                Tuple.of(5, id.map(Remove::new)),
                Tuple.of(2, Combinators.combine(id, id).as(Rename::new)));
        return op.list().ofMinSize(3000).ofMaxSize(8000);
    }

    @Property(tries = 16)
    void indexedDirectoryAgreesWithTheModel(@ForAll("operations") List<Op> ops,
            @ForAll("blockSizes") int bs, @ForAll("types") String type) throws IOException {
        Path tmp = Files.createTempDirectory("htree-prop");
        try {
            run(tmp, ops, bs, type);
        } finally {
            try (var walk = Files.walk(tmp)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** ext2, and ext4 with metadata_csum: dx_tails on root and nodes, a checksum tail on every leaf. */
    @Provide
    Arbitrary<String> types() {
        return Arbitraries.of("ext2", "ext4");
    }

    @Provide
    Arbitrary<Integer> blockSizes() {
        return Arbitraries.frequency(Tuple.of(3, 1024), Tuple.of(1, 2048), Tuple.of(1, 4096));
    }

    /** Mostly long names, so that a few hundred entries already need a second index level at 1 KiB. */
    private static String name(int id) {
        return id % 5 == 0 ? ExtHtreeWriteTest.name(id) : "p" + id + "-" + "z".repeat(150 + id % 90);
    }

    private static Errno errno(Runnable r) {
        try {
            r.run();
            return null;
        } catch (VfsException e) {
            return e.errno();
        }
    }

    private static void run(Path tmp, List<Op> ops, int bs, String type) {
        Path img = ExtTools.mkfs(tmp.resolve("img"), type, "32M", null, "-b", Integer.toString(bs), "-N", "4096");
        Set<String> model = new TreeSet<>();
        ExtRw rw = ExtRw.mount(img, type);
        rw.p.mkdir("/mnt/d", 0755);
        for (Op op : ops) {
            if (op instanceof Add a) {
                Errno e = errno(() -> rw.p.mknod("/mnt/d/" + name(a.id()), FileMode.S_IFREG | 0644, 0));
                assertThat(e).as("%s", op).isEqualTo(model.add(name(a.id())) ? null : Errno.EEXIST);
            } else if (op instanceof Remove r) {
                Errno e = errno(() -> rw.p.unlink("/mnt/d/" + name(r.id())));
                assertThat(e).as("%s", op).isEqualTo(model.remove(name(r.id())) ? null : Errno.ENOENT);
            } else if (op instanceof Rename r) {
                Errno e = errno(() -> rw.p.rename("/mnt/d/" + name(r.from()), "/mnt/d/" + name(r.to())));
                if (!model.contains(name(r.from()))) {
                    assertThat(e).as("%s", op).isEqualTo(Errno.ENOENT);
                } else {
                    assertThat(e).as("%s", op).isNull();
                    model.remove(name(r.from()));
                    model.add(name(r.to()));
                }
            }
        }
        rw.unmount();
        ExtRefCheck.fsck(img, type + ", " + ops.size() + " random operations");
        ExtHtreeWriteTest.sameNames(ExtHtreeWriteTest.debugfsNames(img, "/d"), model, "debugfs ls");
        if (ExtHtreeWriteTest.indexed(img, "/d")) {
            ExtHtreeWriteTest.Htree h = ExtHtreeWriteTest.debugfsHtree(img, "/d");
            Statistics.label("index levels").collect(type, bs, h.levels());
            ExtHtreeWriteTest.sameNames(h.names(), model, "debugfs htree");
            ExtHtreeWriteTest.lookUpThroughIndex(img, type, "/d", model, List.of("absent"));
        } else {
            Statistics.label("index levels").collect(type, bs, "none");
            assertThat(ExtTools.debugfs(img, "stat /d")).as("only a directory of one block stays plain")
                    .containsPattern("Size: " + bs + "\\b");
        }
    }
}
