package org.vfscope.vfs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A mount option string {@code "opt,opt=value"} split the way vfs_parse_monolithic does: commas
 * separate, empty items are skipped, the first {@code =} splits name from value. The generic
 * options of mount(8) (ro, nosuid, noatime...) are taken out into {@link MountFlags}; what remains
 * belongs to the filesystem, which takes the options it knows and rejects the rest.
 */
public final class MountOptions {
    private final Map<String, String> options;
    private final int mountFlags;
    private final List<String> taken = new ArrayList<>();

    private MountOptions(Map<String, String> options, int mountFlags) {
        this.options = options;
        this.mountFlags = mountFlags;
    }

    /** Parses {@code text} (may be null or empty), starting from {@code defaultFlags}. */
    public static MountOptions parse(String text, int defaultFlags) {
        Map<String, String> fsOptions = new LinkedHashMap<>();
        int flags = defaultFlags;
        if (text != null) {
            for (String item : text.split(",")) {
                if (item.isEmpty()) {
                    continue;
                }
                int eq = item.indexOf('=');
                String name = eq < 0 ? item : item.substring(0, eq);
                String value = eq < 0 ? null : item.substring(eq + 1);
                if (name.isEmpty()) {
                    throw new VfsException(Errno.EINVAL, "mount option '" + item + "'", "empty option name");
                }
                int changed = value == null ? MountFlags.apply(flags, name) : -1;
                if (changed >= 0) {
                    flags = changed;
                } else {
                    fsOptions.put(name, value);
                }
            }
        }
        return new MountOptions(fsOptions, flags);
    }

    public static MountOptions parse(String text) {
        return parse(text, MountFlags.DEFAULT);
    }

    /** The generic flags (MountFlags bits) after applying the string. */
    public int mountFlags() {
        return mountFlags;
    }

    /** The filesystem-specific options, in the order given. */
    public Map<String, String> fsOptions() {
        return Collections.unmodifiableMap(options);
    }

    public boolean has(String name) {
        taken.add(name);
        return options.containsKey(name);
    }

    /** The value of {@code name=value}; EINVAL if the option was given without a value. */
    public String value(String name) {
        taken.add(name);
        if (!options.containsKey(name)) {
            return null;
        }
        String v = options.get(name);
        if (v == null) {
            throw new VfsException(Errno.EINVAL, "mount option '" + name + "'", "needs a value");
        }
        return v;
    }

    /** A size such as {@code 64k}, {@code 10M}, {@code 1g}; EINVAL if malformed. */
    public Long size(String name) {
        String v = value(name);
        if (v == null) {
            return null;
        }
        return parseSize(name, v);
    }

    /** An octal value such as a mode {@code 0755}. */
    public Integer octal(String name) {
        String v = value(name);
        if (v == null) {
            return null;
        }
        try {
            return Integer.parseInt(v, 8);
        } catch (NumberFormatException e) {
            throw new VfsException(Errno.EINVAL, "mount option '" + name + "=" + v + "'", "not an octal number");
        }
    }

    /** EINVAL naming the first option the filesystem did not take. */
    public void rejectUnknown(String fsType) {
        for (String name : options.keySet()) {
            if (!taken.contains(name)) {
                throw new VfsException(Errno.EINVAL, fsType, "unknown mount option '" + name + "'");
            }
        }
    }

    static long parseSize(String name, String v) {
        if (v.isEmpty()) {
            throw new VfsException(Errno.EINVAL, "mount option '" + name + "'", "empty size");
        }
        char unit = Character.toLowerCase(v.charAt(v.length() - 1));
        int shift = switch (unit) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            case 't' -> 40;
            default -> 0;
        };
        String digits = shift == 0 ? v : v.substring(0, v.length() - 1);
        try {
            long n = Long.parseLong(digits);
            if (n < 0 || (shift > 0 && n > (Long.MAX_VALUE >> shift))) {
                throw new NumberFormatException();
            }
            return n << shift;
        } catch (NumberFormatException e) {
            throw new VfsException(Errno.EINVAL, "mount option '" + name + "=" + v + "'", "not a size");
        }
    }
}
