package org.vfscope.fs.ext;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vfscope.vfs.FileMode;

/**
 * The reference tools as judges of an image the engine wrote: {@code e2fsck -fn} must find
 * nothing, and what e2fsprogs reads ({@code debugfs rdump} for contents and symlink targets,
 * {@code ls -p} for names, types, modes, owners, sizes and inode numbers, {@code stat} for
 * device numbers, {@code ea_list}/{@code ea_get} for xattrs) must equal the model. Where the
 * machine lets us loop-mount, the Linux kernel reads the tree too ({@link #kernel}).
 */
final class ExtRefCheck {
    private ExtRefCheck() {
    }

    /** Runs a command, returning exit code and combined output. */
    record Result(int rc, String out) {
    }

    static Result exec(List<String> cmd) {
        try {
            java.lang.Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            byte[] out = proc.getInputStream().readAllBytes();
            if (!proc.waitFor(300, TimeUnit.SECONDS)) {
                proc.destroyForcibly();
                throw new AssertionError("timed out: " + cmd);
            }
            return new Result(proc.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** e2fsck -fn: exit 0, or the test fails showing what it found. */
    static void fsck(Path img, String when) {
        Result r = exec(List.of("e2fsck", "-fn", img.toString()));
        assertThat(r.rc()).as("e2fsck -fn %s after %s:\n%s", img.getFileName(), when, r.out()).isZero();
    }

    /** debugfs with a command file: one process for many requests. */
    static String debugfs(Path img, List<String> requests, Path tmp) {
        try {
            Path cmds = Files.createTempFile(tmp, "debugfs", ".cmd");
            Files.write(cmds, (String.join("\n", requests) + "\n").getBytes(StandardCharsets.UTF_8));
            Result r = exec(List.of("debugfs", "-f", cmds.toString(), img.toString()));
            Files.delete(cmds);
            return r.out();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quote(String path) {
        return "\"" + path + "\"";
    }

    /** The whole comparison of the image with the model, through e2fsprogs. */
    static void compare(Path img, ExtModel model, Path tmp, String when) {
        try {
            Path out = Files.createTempDirectory(tmp, "rdump");
            Result r = exec(List.of("debugfs", "-R", "rdump / " + out, img.toString()));
            assertThat(r.out()).as("rdump after %s", when).doesNotContain("rror");
            compareRdump(img, out, model, when);
            compareListings(img, model, tmp, when);
            deleteTree(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Regular files, directories and symlinks of the rdump tree, against the model. */
    private static void compareRdump(Path img, Path out, ExtModel model, String when) throws IOException {
        Map<String, String> got = new TreeMap<>();
        Map<String, Integer> dumpedLength = new HashMap<>();
        try (var walk = Files.walk(out)) {
            for (Path f : (Iterable<Path>) walk::iterator) {
                String rel = "/" + out.relativize(f).toString();
                if (rel.equals("/")) {
                    continue;
                }
                if (Files.isSymbolicLink(f)) {
                    got.put(rel, "symlink " + Files.readSymbolicLink(f));
                } else if (Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS)) {
                    got.put(rel, "dir");
                } else {
                    byte[] data = Files.readAllBytes(f);
                    got.put(rel, "file " + TreeComparer.sha256(data));
                    dumpedLength.put(rel, data.length);
                }
            }
        }
        Map<String, String> want = new TreeMap<>();
        model.paths.forEach((p, n) -> {
            if (p.equals("/")) {
                return;
            }
            switch (n.type) {
                case FileMode.S_IFDIR -> want.put(p, "dir");
                case FileMode.S_IFREG -> want.put(p, "file " + TreeComparer.sha256(
                        inlineDumpView(img, p, n.data, dumpedLength.get(p), got.get(p))));
                case FileMode.S_IFLNK -> want.put(p, "symlink " + n.target);
                default -> {
                    // rdump skips special files; the listings check them
                }
            }
        });
        assertThat(got).as("debugfs rdump after %s", when).isEqualTo(want);
    }

    private static final Pattern INLINE_SIZE = Pattern.compile("Size of inline data: (\\d+)");

    /**
     * debugfs 1.47 dumps an inline-data file's whole inline area (i_block's 60 bytes plus
     * system.data), not i_size bytes of it. For a file the dump does not match and that is
     * inline with an area of exactly the dumped length, the model's bytes are cut or zero-padded
     * to that length: every stored byte must still match, and those past i_size must be zeros
     * (ls -p checks i_size itself). Any other file is judged by its bytes as they are.
     */
    private static byte[] inlineDumpView(Path img, String path, byte[] data, Integer dumped, String got) {
        if (dumped == null || dumped == data.length || got == null
                || got.equals("file " + TreeComparer.sha256(data))) {
            return data;
        }
        Matcher m = INLINE_SIZE.matcher(exec(List.of("debugfs", "-R", "stat " + quote(path), img.toString())).out());
        if (!m.find() || Integer.parseInt(m.group(1)) != dumped) {
            return data;
        }
        return java.util.Arrays.copyOf(data, dumped);
    }

    private static final Pattern LS_P = Pattern.compile("^/(\\d+)/(\\d+)/(\\d+)/(\\d+)/(.*)/(\\d*)/$");
    private static final Pattern DEV = Pattern.compile("Device major/minor number: (\\d+):(\\d+)");

    /** ls -p of every directory, stat of device nodes, xattrs: names, types, modes, owners, sizes, inode identity. */
    private static void compareListings(Path img, ExtModel model, Path tmp, String when) {
        List<String> dirs = new ArrayList<>();
        model.paths.forEach((p, n) -> {
            if (n.isDir()) {
                dirs.add(p);
            }
        });
        List<String> req = new ArrayList<>();
        for (String d : dirs) {
            req.add("ls -p " + quote(d));
        }
        String out = debugfs(img, req, tmp);
        Map<String, String> got = new TreeMap<>();
        Map<String, Long> inoOf = new HashMap<>();
        String current = null;
        for (String line : out.split("\n")) {
            if (line.startsWith("debugfs: ls -p ")) {
                String q = line.substring("debugfs: ls -p ".length()).trim();
                current = q.substring(1, q.length() - 1);
                continue;
            }
            Matcher m = LS_P.matcher(line);
            if (current == null || !m.matches()) {
                continue;
            }
            String name = m.group(5);
            if (name.equals(".") || name.equals("..") || m.group(1).equals("0")) {
                continue; // ls -p also shows unused entries (inode 0)
            }
            String path = ExtModel.child(current, name);
            int mode = Integer.parseInt(m.group(2), 8);
            String size = FileMode.isDir(mode) ? "" : m.group(6);
            got.put(path, String.format("%o %s:%s %s", mode, m.group(3), m.group(4), size));
            inoOf.put(path, Long.parseLong(m.group(1)));
        }
        Map<String, String> want = new TreeMap<>();
        model.paths.forEach((p, n) -> {
            if (p.equals("/")) {
                return;
            }
            String size = switch (n.type) {
                case FileMode.S_IFDIR -> "";
                case FileMode.S_IFREG -> Long.toString(n.data.length);
                case FileMode.S_IFLNK -> Integer.toString(n.target.getBytes(StandardCharsets.UTF_8).length);
                default -> "0";
            };
            want.put(p, String.format("%o %d:%d %s", n.mode, n.uid, n.gid, size));
        });
        assertThat(got).as("debugfs ls -p after %s", when).isEqualTo(want);
        // Hard links: one inode per model node, a different one for every other node.
        Map<ExtModel.Node, Long> inoByNode = new IdentityHashMap<>();
        Map<Long, ExtModel.Node> nodeByIno = new HashMap<>();
        model.paths.forEach((p, n) -> {
            if (p.equals("/")) {
                return;
            }
            long ino = inoOf.get(p);
            Long seen = inoByNode.putIfAbsent(n, ino);
            assertThat(seen == null ? ino : seen).as("inode of hard link %s after %s", p, when).isEqualTo(ino);
            ExtModel.Node other = nodeByIno.putIfAbsent(ino, n);
            assertThat(other == null || other == n).as("inode %d named by unrelated %s after %s", ino, p, when)
                    .isTrue();
        });
        compareDevicesAndXattrs(img, model, tmp, when);
    }

    private static void compareDevicesAndXattrs(Path img, ExtModel model, Path tmp, String when) {
        List<String> req = new ArrayList<>();
        List<String> subjects = new ArrayList<>();
        model.paths.forEach((p, n) -> {
            if (n.type == FileMode.S_IFCHR || n.type == FileMode.S_IFBLK) {
                req.add("stat " + quote(p));
                subjects.add(p);
            }
        });
        if (!req.isEmpty()) {
            String[] parts = debugfs(img, req, tmp).split("debugfs: stat ");
            for (int i = 0; i < subjects.size(); i++) {
                ExtModel.Node n = model.paths.get(subjects.get(i));
                Matcher m = DEV.matcher(parts[i + 1]);
                assertThat(m.find()).as("device number of %s", subjects.get(i)).isTrue();
                assertThat(Long.parseLong(m.group(1)) + ":" + Long.parseLong(m.group(2))).as("device number of %s after %s", subjects.get(i), when)
                        .isEqualTo(n.major + ":" + n.minor);
            }
        }
        // xattrs: names from ea_list, values from ea_get -x.
        List<String> eaReq = new ArrayList<>();
        List<String> eaPaths = new ArrayList<>();
        model.paths.forEach((p, n) -> {
            if (n.type != FileMode.S_IFLNK) {
                eaReq.add("ea_list " + quote(p));
                eaPaths.add(p);
            }
        });
        String[] lists = debugfs(img, eaReq, tmp).split("debugfs: ea_list ");
        Map<String, Map<String, String>> got = new TreeMap<>();
        List<String> getReq = new ArrayList<>();
        List<String[]> getWhat = new ArrayList<>();
        Pattern nameLine = Pattern.compile("^  (\\S+) \\((\\d+)\\)");
        for (int i = 0; i < eaPaths.size(); i++) {
            String p = eaPaths.get(i);
            Map<String, String> names = new TreeMap<>();
            for (String line : lists[i + 1].split("\n")) {
                Matcher m = nameLine.matcher(line);
                // system.data holds inline data (judged by rdump); listxattr does not show it either.
                if (m.find() && !m.group(1).equals("system.data")) {
                    names.put(m.group(1), null);
                    getReq.add("ea_get -x " + quote(p) + " " + m.group(1));
                    getWhat.add(new String[] {p, m.group(1)});
                }
            }
            if (!names.isEmpty()) {
                got.put(p, names);
            }
        }
        if (!getReq.isEmpty()) {
            String[] values = debugfs(img, getReq, tmp).split("debugfs: ea_get -x ");
            for (int i = 0; i < getWhat.size(); i++) {
                String v = values[i + 1];
                int eq = v.indexOf(" = ");
                String hex = eq < 0 ? "" : v.substring(eq + 3).replaceAll("[^0-9a-f ]", " ").replaceAll("\\s+", "");
                got.get(getWhat.get(i)[0]).put(getWhat.get(i)[1], hex);
            }
        }
        Map<String, Map<String, String>> want = new TreeMap<>();
        model.paths.forEach((p, n) -> {
            if (!n.xattrs.isEmpty()) {
                Map<String, String> m = new TreeMap<>();
                n.xattrs.forEach((k, v) -> m.put(k, HexFormat.of().formatHex(v)));
                want.put(p, m);
            }
        });
        assertThat(got).as("xattrs read by debugfs after %s", when).isEqualTo(want);
    }

    // ---- the Linux kernel -------------------------------------------------------------------

    /**
     * mount -o loop,ro and the same comparison through the kernel's own ext2/ext3 driver;
     * returns false (and compares nothing) where this machine does not allow loop mounts.
     */
    static boolean kernel(Path img, ExtModel model, Path tmp, String type, String when) {
        try {
            Path mp = Files.createTempDirectory(tmp, "kmnt");
            Result r = exec(List.of("mount", "-t", type, "-o", "loop,ro", img.toString(), mp.toString()));
            if (r.rc() != 0) {
                return false;
            }
            try {
                compareKernel(mp, model, when);
            } finally {
                Result u = exec(List.of("umount", mp.toString()));
                assertThat(u.rc()).as("umount: %s", u.out()).isZero();
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void compareKernel(Path mp, ExtModel model, String when) throws IOException {
        Map<String, String> got = new TreeMap<>();
        Map<String, Object> inoOf = new HashMap<>();
        try (var walk = Files.walk(mp)) {
            for (Path f : (Iterable<Path>) walk::iterator) {
                String rel = "/" + mp.relativize(f);
                if (rel.equals("/")) {
                    continue;
                }
                Map<String, Object> a = Files.readAttributes(f, "unix:*", LinkOption.NOFOLLOW_LINKS);
                int mode = (Integer) a.get("mode");
                String what = String.format("%o %s:%s", mode, a.get("uid"), a.get("gid"));
                switch (mode & FileMode.S_IFMT) {
                    case FileMode.S_IFREG -> what += " " + TreeComparer.sha256(Files.readAllBytes(f));
                    case FileMode.S_IFLNK -> what += " -> " + Files.readSymbolicLink(f);
                    case FileMode.S_IFCHR, FileMode.S_IFBLK -> {
                        long rdev = ((Number) a.get("rdev")).longValue();
                        what += " " + ExtInodeRaw.major(rdev) + ":" + ExtInodeRaw.minor(rdev);
                    }
                    default -> {
                    }
                }
                ExtModel.Node n = model.paths.get(rel);
                if (n != null && n.mtime != null) {
                    what += " @" + ((java.nio.file.attribute.FileTime) a.get("lastModifiedTime")).toInstant().getEpochSecond();
                }
                got.put(rel, what);
                inoOf.put(rel, a.get("ino"));
            }
        }
        Map<String, String> want = new TreeMap<>();
        model.paths.forEach((p, n) -> {
            if (p.equals("/")) {
                return;
            }
            String what = String.format("%o %d:%d", n.mode, n.uid, n.gid);
            switch (n.type) {
                case FileMode.S_IFREG -> what += " " + TreeComparer.sha256(n.data);
                case FileMode.S_IFLNK -> what += " -> " + n.target;
                case FileMode.S_IFCHR, FileMode.S_IFBLK -> what += " " + n.major + ":" + n.minor;
                default -> {
                }
            }
            if (n.mtime != null) {
                what += " @" + n.mtime.getEpochSecond();
            }
            want.put(p, what);
        });
        assertThat(got).as("the Linux kernel's view after %s", when).isEqualTo(want);
        Map<ExtModel.Node, Object> inoByNode = new IdentityHashMap<>();
        model.paths.forEach((p, n) -> {
            if (!p.equals("/")) {
                Object seen = inoByNode.putIfAbsent(n, inoOf.get(p));
                assertThat(seen == null ? inoOf.get(p) : seen).as("kernel: inode of hard link %s", p)
                        .isEqualTo(inoOf.get(p));
            }
        });
        assertThat(new java.util.HashSet<>(inoByNode.values())).as("kernel: one inode per file").hasSize(inoByNode.size());
    }

    static void deleteTree(Path root) throws IOException {
        try (var walk = Files.walk(root)) {
            List<Path> all = walk.sorted(java.util.Comparator.reverseOrder()).toList();
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        }
    }
}
