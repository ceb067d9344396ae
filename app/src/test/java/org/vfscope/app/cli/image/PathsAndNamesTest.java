package org.vfscope.app.cli.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PathsAndNamesTest {

    @Test
    void imagePathsAreFromTheRootWithoutRepeatedOrTrailingSlashes() {
        assertThat(ImagePaths.absolute("")).isEqualTo("/");
        assertThat(ImagePaths.absolute("/")).isEqualTo("/");
        assertThat(ImagePaths.absolute("docs//guide.md/")).isEqualTo("/docs/guide.md");
        assertThat(ImagePaths.absolute("/a/../b")).isEqualTo("/a/../b");
        assertThat(ImagePaths.child("/", "x")).isEqualTo("/x");
        assertThat(ImagePaths.child("/a", "x")).isEqualTo("/a/x");
        assertThat(ImagePaths.name("/a/b")).isEqualTo("b");
        assertThat(ImagePaths.name("/")).isEqualTo("/");
        assertThat(ImagePaths.parent("/a/b")).isEqualTo("/a");
        assertThat(ImagePaths.parent("/a")).isEqualTo("/");
    }

    @Test
    void onlyPlainNamesFromAnImageMayBecomeLocalFileNames() {
        assertThat(LocalNames.isSafe("guide.md")).isTrue();
        assertThat(LocalNames.isSafe(".hidden")).isTrue();
        assertThat(LocalNames.isSafe("...")).isTrue();
        assertThat(LocalNames.isSafe("")).isFalse();
        assertThat(LocalNames.isSafe(".")).isFalse();
        assertThat(LocalNames.isSafe("..")).isFalse();
        assertThat(LocalNames.isSafe("../etc")).isFalse();
        assertThat(LocalNames.isSafe("a/b")).isFalse();
        assertThat(LocalNames.isSafe("/etc")).isFalse();
        assertThat(LocalNames.isSafe("nul\0")).isFalse();
    }

    @Test
    void namesSortByTheirUtf8BytesAsTheCLocaleDoes() {
        assertThat(Directory.compareBytes("B", "a")).isNegative();
        assertThat(Directory.compareBytes("z", "é")).isNegative();
        assertThat(Directory.compareBytes(".hidden", "a")).isNegative();
    }
}
