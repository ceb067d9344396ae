package org.vfscope.visualizer;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;

class PaletteTest {

    @Test
    void inkIsWhiteOnDarkColoursAndBlackOnLightOnes() {
        assertThat(Palette.inkOn(Palette.BLUE)).isEqualTo(Color.WHITE);
        assertThat(Palette.inkOn(Palette.VERMILLION)).isEqualTo(Color.BLACK);
        assertThat(Palette.inkOn(Palette.YELLOW)).isEqualTo(Color.BLACK);
        assertThat(Palette.inkOn(Palette.SKY_BLUE)).isEqualTo(Color.BLACK);
    }

    @Test
    void argbPacksOpaqueColours() {
        assertThat(Palette.argb(Palette.VERMILLION)).isEqualTo(0xffD55E00);
    }

    @Test
    void fileColoursAreTheSevenOkabeItoHues() {
        assertThat(Palette.FILE_COLORS).hasSize(7).doesNotHaveDuplicates();
    }
}
