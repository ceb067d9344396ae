package org.vfscope.visualizer.dentry;

import javafx.scene.paint.Color;
import org.vfscope.trace.DentryLookup;
import org.vfscope.trace.DentryState;
import org.vfscope.visualizer.Palette;

/** The colours of dentry states and of lookup flashes, and the words that go with them. */
public final class DentryStyle {
    private DentryStyle() {
    }

    public static Color of(DentryState s) {
        return switch (s) {
            case POSITIVE_IN_USE -> Palette.BLUE;
            case POSITIVE_UNUSED -> Palette.SKY_BLUE;
            case NEGATIVE_IN_USE -> Palette.VERMILLION;
            case NEGATIVE_UNUSED -> Palette.ORANGE;
            case IN_LOOKUP -> Palette.YELLOW;
            case UNHASHED -> Palette.REDDISH_PURPLE;
            case DEAD -> Palette.GREY;
        };
    }

    public static String label(DentryState s) {
        return switch (s) {
            case POSITIVE_IN_USE -> "positive, in use";
            case POSITIVE_UNUSED -> "positive, unused";
            case NEGATIVE_IN_USE -> "negative, in use";
            case NEGATIVE_UNUSED -> "negative, unused";
            case IN_LOOKUP -> "in lookup";
            case UNHASHED -> "unhashed";
            case DEAD -> "dead";
        };
    }

    public static Color of(DentryLookup.Result r) {
        return switch (r) {
            case HIT -> Palette.BLUISH_GREEN;
            case MISS -> Palette.VERMILLION;
            case NEGATIVE_HIT -> Palette.REDDISH_PURPLE;
        };
    }

    public static String label(DentryLookup.Result r) {
        return switch (r) {
            case HIT -> "HIT";
            case MISS -> "MISS";
            case NEGATIVE_HIT -> "NEGATIVE HIT";
        };
    }
}
