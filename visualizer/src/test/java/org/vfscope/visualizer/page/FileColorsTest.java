package org.vfscope.visualizer.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vfscope.visualizer.InodeKey;

class FileColorsTest {
    private static final InodeKey A = new InodeKey(1, 1);
    private static final InodeKey B = new InodeKey(1, 2);
    private static final InodeKey C = new InodeKey(1, 3);

    @Test
    void aFileKeepsItsColourWhileCachedAndNewFilesTakeTheLeastUsedColour() {
        FileColors colors = new FileColors();
        assertThat(colors.colorOf(A)).isZero();
        assertThat(colors.colorOf(B)).isEqualTo(1);
        assertThat(colors.colorOf(A)).isZero();

        colors.retain(Set.of(B));

        assertThat(colors.colorOf(C)).as("A's colour is free again").isZero();
        assertThat(colors.colorOf(B)).isEqualTo(1);
    }
}
