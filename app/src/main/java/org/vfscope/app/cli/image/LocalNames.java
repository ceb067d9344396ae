package org.vfscope.app.cli.image;

/**
 * Whether a name read from an image may become a local file name. A hostile image can hold
 * entries named "..", "a/b" or "" that would otherwise write outside the export directory.
 */
final class LocalNames {
    private LocalNames() {
    }

    static boolean isSafe(String name) {
        return !name.isEmpty() && !name.equals(".") && !name.equals("..")
                && name.indexOf('/') < 0 && name.indexOf('\0') < 0;
    }
}
