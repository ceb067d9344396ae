package org.vfscope.app.cli.image;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The extended attributes of a local tree, as {@code mke2fs -d} copies them: user.*, security.*,
 * trusted.* (visible to root only) and the POSIX ACLs (system.posix_acl_access and _default, in
 * their xattr form). The JDK reads only user.* attributes, so the whole tree is read with one
 * {@code getfattr -R} run (package attr) and kept by path; only files that have attributes take
 * memory. Without getfattr nothing is imported, and the caller says so.
 */
final class LocalXattrs {
    /** One attribute: its full name ("user.x") and value. */
    record Xattr(String name, byte[] value) {
    }

    private static final List<String> PREFIXES = List.of("user.", "security.", "trusted.",
            "system.posix_acl_access", "system.posix_acl_default");

    private final Map<String, List<Xattr>> byPath;
    private final String unavailable;
    private final List<String> skipped;

    private LocalXattrs(Map<String, List<Xattr>> byPath, String unavailable, List<String> skipped) {
        this.byPath = byPath;
        this.unavailable = unavailable;
        this.skipped = skipped;
    }

    /** Reads the attributes of {@code root} and everything below it (symlinks not followed). */
    static LocalXattrs read(Path root) {
        String top = key(root);
        List<String> cmd = List.of("getfattr", "-R", "-P", "-h", "-d", "-m", "-", "-e", "hex", "--absolute-names", "--", top);
        java.lang.Process proc;
        try {
            proc = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return new LocalXattrs(Map.of(), "getfattr (package attr) is not installed", List.of());
        }
        Map<String, List<Xattr>> out = new HashMap<>();
        List<String> skipped = new ArrayList<>();
        Charset names = Charset.defaultCharset(); // how the JVM encodes host file names
        try (BufferedReader r = new BufferedReader(new InputStreamReader(proc.getInputStream(), StandardCharsets.ISO_8859_1))) {
            proc.getOutputStream().close();
            String file = null;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("# file: ")) {
                    file = new String(unescape(line.substring(8)), names);
                } else if (!line.isEmpty() && file != null) {
                    Xattr x = parse(line);
                    if (x == null) {
                        continue;
                    }
                    if (PREFIXES.stream().anyMatch(x.name()::startsWith)) {
                        out.computeIfAbsent(file, f -> new ArrayList<>()).add(x);
                    } else {
                        skipped.add(file + ": " + x.name());
                    }
                }
            }
            proc.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            return new LocalXattrs(Map.of(), "getfattr failed: " + e.getMessage(), List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new LocalXattrs(Map.of(), "interrupted while reading them", List.of());
        } finally {
            proc.destroy();
        }
        return new LocalXattrs(out, null, skipped);
    }

    /** Why no attribute could be read (getfattr missing or failing), or null. */
    String unavailable() {
        return unavailable;
    }

    /** "path: name" of attributes in namespaces an ext filesystem cannot hold (left out). */
    List<String> skipped() {
        return skipped;
    }

    /** The attributes of {@code path}, sorted as getfattr lists them; empty when it has none. */
    List<Xattr> of(Path path) {
        return byPath.getOrDefault(key(path), List.of());
    }

    private static String key(Path path) {
        return path.toAbsolutePath().normalize().toString();
    }

    /** {@code name=0xHEX} (an empty value prints as {@code name=} or {@code name}); the name is escaped like paths. */
    private static Xattr parse(String line) {
        int eq = line.indexOf('=');
        String name = new String(unescape(eq < 0 ? line : line.substring(0, eq)), StandardCharsets.UTF_8);
        String v = eq < 0 ? "" : line.substring(eq + 1);
        if (v.startsWith("0x")) {
            return new Xattr(name, HexFormat.of().parseHex(v.substring(2)));
        }
        if (v.isEmpty() || v.equals("\"\"")) {
            return new Xattr(name, new byte[0]);
        }
        return null; // not the hex form asked for
    }

    /** getfattr's quoting: "\ooo" octal for control and special bytes, "\\" for a backslash. */
    static byte[] unescape(String s) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && isOctal(s, i + 1) && isOctal(s, i + 2) && isOctal(s, i + 3)) {
                b.write(Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == '\\') {
                b.write('\\');
                i++;
            } else {
                b.write(c); // read as ISO-8859-1: one char per byte
            }
        }
        return b.toByteArray();
    }

    private static boolean isOctal(String s, int i) {
        return i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '7';
    }
}
