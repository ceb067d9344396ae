package org.vfscope.app.workbench.explorer;

import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Filter-as-you-type over names: case-insensitive substring, or a glob when the text has
 * {@code *} or {@code ?} ("*.conf"). Blank matches everything.
 */
public final class NameFilter implements Predicate<String> {
    private final String text;
    private final Pattern glob;

    private NameFilter(String text) {
        this.text = text.strip().toLowerCase(Locale.ROOT);
        this.glob = this.text.contains("*") || this.text.contains("?") ? toRegex(this.text) : null;
    }

    public static NameFilter of(String text) {
        return new NameFilter(text == null ? "" : text);
    }

    public boolean isEmpty() {
        return text.isEmpty();
    }

    @Override
    public boolean test(String name) {
        if (text.isEmpty()) {
            return true;
        }
        String n = name.toLowerCase(Locale.ROOT);
        return glob != null ? glob.matcher(n).matches() : n.contains(text);
    }

    private static Pattern toRegex(String g) {
        StringBuilder sb = new StringBuilder();
        for (char c : g.toCharArray()) {
            switch (c) {
                case '*' -> sb.append(".*");
                case '?' -> sb.append('.');
                default -> sb.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(sb.toString());
    }
}
