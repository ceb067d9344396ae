package org.vfscope.app.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the command line needs from the machine it runs on. {@code Main} builds the real one;
 * tests build their own, so no test depends on a display.
 *
 * @param displayAvailable whether a window can be opened
 * @param demoImage        the bundled demo image, opened when {@code vfscope} runs with no arguments
 * @param workbench        opens the workbench window and returns when it is closed
 */
public record Host(boolean displayAvailable, Path demoImage, Workbench workbench) {

    /** What the workbench commands say, in one line, when there is no display to open a window on. */
    public static final String NO_DISPLAY = "no display found (neither DISPLAY nor WAYLAND_DISPLAY is set);"
            + " the command line works without one: vfscope --help";

    /** Opens the workbench, on an image or on none, and blocks until its window closes. */
    @FunctionalInterface
    public interface Workbench {
        void open(Optional<Path> image);
    }

    /** macOS and Windows always have a desktop; elsewhere an X or Wayland display must be named. */
    public static boolean displayAvailable(Map<String, String> env, String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("mac") || os.startsWith("windows")) {
            return true;
        }
        return isSet(env.get("DISPLAY")) || isSet(env.get("WAYLAND_DISPLAY"));
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
