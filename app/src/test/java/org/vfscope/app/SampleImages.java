package org.vfscope.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The sample images committed under {@code images/} as {@code NAME.xz}, unpacked by
 * {@code images/build.sh --unpack} into {@code images/build/} on first use, so that a fresh
 * clone's {@code mvn verify} runs the tests that need them.
 */
public final class SampleImages {
    private SampleImages() {
    }

    /** The unpacked image; the test is skipped (with the reason) only if unpacking is impossible. */
    public static Path unpacked(String name) throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("user.dir"));
        if (!Files.isRegularFile(root.resolve("images/build.sh"))) {
            root = root.getParent();
        }
        Path p = root.resolve("images/build/" + name);
        if (!Files.isRegularFile(p) && Files.isRegularFile(root.resolve("images/" + name + ".xz"))) {
            Process unpack = new ProcessBuilder("bash", root.resolve("images/build.sh").toString(), "--unpack", name)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            unpack.waitFor();
        }
        Assumptions.assumeTrue(Files.isRegularFile(p), "could not unpack images/" + name + ".xz (is xz installed?)");
        return p;
    }
}
