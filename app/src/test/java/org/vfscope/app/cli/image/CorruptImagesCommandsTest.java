package org.vfscope.app.cli.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vfscope.app.SampleImages;

/**
 * Damaged images, those committed under images/ (made with debugfs -w) and random byte flips:
 * the commands answer with one of the documented exit codes and one-line messages, never a
 * stack trace or a hang, and never change the image.
 */
class CorruptImagesCommandsTest {
    private static final Set<Integer> DOCUMENTED = Set.of(0, 2, 8);
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"corrupt-bad-block-pointer.img", "corrupt-zero-rec-len.img", "corrupt-dir-loop.img",
            "corrupt-free-counts.img", "corrupt-dup-blocks.img", "corrupt-bad-magic.img"})
    void aDamagedImageGivesDocumentedExitCodesAndLeavesTheFileAlone(String name) throws Exception {
        Path image = tmp.resolve(name);
        Files.copy(SampleImages.unpacked(name), image);
        byte[] before = Files.readAllBytes(image);

        List<Vfscope.Run> runs = new ArrayList<>();
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            runs.add(Vfscope.run("info", "--json", image.toString()));
            runs.add(Vfscope.run("ls", "-R", "--json", image.toString(), "/"));
            runs.add(Vfscope.run("get", image.toString(), "/", tmp.resolve("out").toString()));
        });

        for (Vfscope.Run r : runs) {
            assertThat(r.status()).as(r.err()).isIn(DOCUMENTED);
            assertNoStackTrace(r);
        }
        assertThat(Files.readAllBytes(image)).isEqualTo(before);
    }

    @Test
    void anImageWhosePrimarySuperblockIsGoneCannotBeReadAtAll() throws Exception {
        Path image = tmp.resolve("bad-magic.img");
        Files.copy(SampleImages.unpacked("corrupt-bad-magic.img"), image);
        Vfscope.Run r = Vfscope.run("ls", image.toString(), "/");
        assertThat(r.status()).isEqualTo(8);
        assertThat(r.errLines()).hasSize(1).allMatch(l -> l.startsWith("vfscope: "));
    }

    @Test
    void exportingPastABadBlockPointerFailsThatFileWithExitCode2() throws Exception {
        Path image = tmp.resolve("bad-pointer.img");
        Files.copy(SampleImages.unpacked("corrupt-bad-block-pointer.img"), image);
        Vfscope.Run walk = Vfscope.run("get", image.toString(), "/", tmp.resolve("out").toString());
        assertThat(walk.status()).isEqualTo(2); // the file with the bad pointer cannot be read
        assertThat(walk.err()).contains("vfscope: ").contains("Structure needs cleaning");
    }

    @Test
    void randomByteFlipsNeverCrashOrHangTheCommands() throws Exception {
        Path pristine = SampleImages.unpacked("ext2-1k.img");
        byte[] base = Files.readAllBytes(pristine);
        for (int seed = 0; seed < 200; seed++) {
            Random r = new Random(seed);
            byte[] bytes = base.clone();
            // Most damage where the metadata is (the first 256 KiB), some anywhere.
            for (int i = 0; i < 1 + r.nextInt(40); i++) {
                int at = r.nextInt(4) == 0 ? r.nextInt(bytes.length) : r.nextInt(256 * 1024);
                bytes[at] = (byte) r.nextInt(256);
            }
            Path image = tmp.resolve("flip.img");
            Files.write(image, bytes);
            int s = seed;
            Vfscope.Run run = assertTimeoutPreemptively(HANG_GUARD,
                    () -> Vfscope.run("ls", "-R", "--json", image.toString(), "/"));
            assertThat(run.status()).as("seed %d: %s", s, run.err()).isIn(DOCUMENTED);
            assertNoStackTrace(run);
        }
    }

    private static void assertNoStackTrace(Vfscope.Run r) {
        assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception");
        for (String line : r.errLines()) {
            if (!line.isBlank() && !line.startsWith("WARN") && !line.startsWith("INFO")) {
                assertThat(line).startsWith("vfscope: ");
            }
        }
    }
}
