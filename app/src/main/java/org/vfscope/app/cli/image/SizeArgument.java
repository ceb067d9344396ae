package org.vfscope.app.cli.image;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes as mke2fs and truncate take them: "64M", "1G", "512K", "1048576" (binary units). */
final class SizeArgument {
    private static final Pattern SIZE = Pattern.compile("(\\d{1,18})\\s*([KMGT]?)(?:I?B)?");

    private SizeArgument() {
    }

    /** The size in bytes; IllegalArgumentException when it is not one, or not positive. */
    static long parse(String text) {
        Matcher m = SIZE.matcher(text.strip().toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size (e.g. 64M, 1G, 512K or bytes)");
        }
        int shift = switch (m.group(2)) {
            case "K" -> 10;
            case "M" -> 20;
            case "G" -> 30;
            case "T" -> 40;
            default -> 0;
        };
        long n = Long.parseLong(m.group(1));
        if (n <= 0 || n > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("'" + text + "' is not a usable size");
        }
        return n << shift;
    }
}
