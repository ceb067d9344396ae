package org.vfscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectGuiTest {

    @TempDir
    Path dir;

    @Test
    void noArgumentsOpenTheDemoImageWhenItIsThere() throws IOException {
        Path demo = Files.write(dir.resolve("demo.img"), new byte[16]);

        assertThat(DirectGui.of(new String[0], demo)).contains(new DirectGui(Optional.of(demo)));
        assertThat(DirectGui.of(new String[0], dir.resolve("absent.img"))).contains(new DirectGui(Optional.empty()));
    }

    @Test
    void guiWithAnExistingImageOpensItByItsAbsolutePath() throws IOException {
        Path image = Files.write(dir.resolve("disk.img"), new byte[16]);

        assertThat(DirectGui.of(new String[] {"gui", image.toString()}, dir.resolve("demo.img")))
                .contains(new DirectGui(Optional.of(image.toAbsolutePath())));
        assertThat(DirectGui.of(new String[] {"gui"}, dir.resolve("demo.img"))).contains(new DirectGui(Optional.empty()));
    }

    @Test
    void everythingElseIsLeftToPicocli() {
        Path demo = dir.resolve("demo.img");
        assertThat(DirectGui.of(new String[] {"gui", dir.resolve("missing.img").toString()}, demo)).isEmpty();
        assertThat(DirectGui.of(new String[] {"gui", dir.toString()}, demo)).isEmpty();
        assertThat(DirectGui.of(new String[] {"gui", "--help"}, demo)).isEmpty();
        assertThat(DirectGui.of(new String[] {"gui", "--debug"}, demo)).isEmpty();
        assertThat(DirectGui.of(new String[] {"--help"}, demo)).isEmpty();
        assertThat(DirectGui.of(new String[] {"ls", "x.img", "/"}, demo)).isEmpty();
    }
}
