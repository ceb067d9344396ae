package org.vfscope.visualizer;

import java.util.List;
import javafx.scene.paint.Color;

/**
 * The Okabe–Ito palette: eight colours that stay distinct for the common forms of colour
 * blindness and survive a washed-out projector. Every data colour in the views comes from here;
 * where two meanings could meet in one place, a mark or a label tells them apart as well.
 */
public final class Palette {
    public static final Color ORANGE = Color.web("#E69F00");
    public static final Color SKY_BLUE = Color.web("#56B4E9");
    public static final Color BLUISH_GREEN = Color.web("#009E73");
    public static final Color YELLOW = Color.web("#F0E442");
    public static final Color BLUE = Color.web("#0072B2");
    public static final Color VERMILLION = Color.web("#D55E00");
    public static final Color REDDISH_PURPLE = Color.web("#CC79A7");
    public static final Color GREY = Color.web("#8E9196");

    /** Colours for owning files, in the order files are given them. */
    public static final List<Color> FILE_COLORS =
            List.of(BLUE, ORANGE, BLUISH_GREEN, REDDISH_PURPLE, SKY_BLUE, VERMILLION, YELLOW);

    private Palette() {
    }

    /** Black or white, whichever reads better on {@code fill}. */
    public static Color inkOn(Color fill) {
        // 0.179: where black and white give the same contrast ratio.
        return luminance(fill) > 0.179 ? Color.BLACK : Color.WHITE;
    }

    /** Relative luminance (WCAG), 0 for black to 1 for white. */
    public static double luminance(Color c) {
        return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
    }

    /** 0xAARRGGBB, as a {@link javafx.scene.image.PixelWriter} takes it. */
    public static int argb(Color c) {
        int a = (int) Math.round(c.getOpacity() * 255);
        int r = (int) Math.round(c.getRed() * 255);
        int g = (int) Math.round(c.getGreen() * 255);
        int b = (int) Math.round(c.getBlue() * 255);
        return a << 24 | r << 16 | g << 8 | b;
    }

    private static double linear(double channel) {
        return channel <= 0.03928 ? channel / 12.92 : Math.pow((channel + 0.055) / 1.055, 2.4);
    }
}
