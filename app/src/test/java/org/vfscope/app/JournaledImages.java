package org.vfscope.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Assumptions;

/**
 * Images whose journal needs recovery, made with e2fsprogs alone: {@code mke2fs -d} a small
 * tree, change a copy with {@code debugfs -w} (new.txt written, newdir made, gone.txt removed),
 * and log the blocks that changed into the original's journal with debugfs' {@code jo/jw/jc}
 * as one committed transaction that was never checkpointed (csum v3 on ext4).
 */
public final class JournaledImages {
    public static final String NEW_TEXT;

    static {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            s.append("journaled line ").append(i).append('\n');
        }
        NEW_TEXT = s.toString();
    }

    private JournaledImages() {
    }

    /** {@code type} "ext3" or "ext4"; the test is skipped when e2fsprogs is missing. */
    public static Path make(Path dir, String type) throws IOException, InterruptedException {
        Path work = Files.createDirectories(dir.resolve("journal-" + type));
        Path tree = Files.createDirectories(work.resolve("tree"));
        Files.writeString(tree.resolve("old.txt"), "before the crash\n");
        Files.writeString(tree.resolve("gone.txt"), "deleted in the journal\n");
        Path image = work.resolve(type + "-needs-recovery.img");
        run("mke2fs", "-q", "-F", "-t", type, "-b", "1024", "-d", tree.toString(), image.toString(), "8M");
        Path after = Files.copy(image, work.resolve("after.img"));
        Path payload = Files.writeString(work.resolve("payload.txt"), NEW_TEXT);
        run("debugfs", "-w", "-R", "write " + payload + " new.txt", after.toString());
        run("debugfs", "-w", "-R", "mkdir newdir", after.toString());
        run("debugfs", "-w", "-R", "rm gone.txt", after.toString());
        byte[] a = Files.readAllBytes(image);
        byte[] b = Files.readAllBytes(after);
        int bs = 1024;
        List<Integer> changed = new ArrayList<>();
        Path blocks = work.resolve("blocks.bin");
        try (var out = Files.newOutputStream(blocks)) {
            for (int i = 0; i < a.length / bs; i++) {
                if (Arrays.mismatch(a, i * bs, (i + 1) * bs, b, i * bs, (i + 1) * bs) >= 0) {
                    changed.add(i);
                    out.write(b, i * bs, bs);
                }
            }
        }
        String list = changed.stream().map(String::valueOf).collect(Collectors.joining(","));
        Path script = Files.writeString(work.resolve("jw.cmd"), (type.equals("ext4") ? "jo -c\n" : "jo\n")
                + "jw -b " + list + " " + blocks + "\njc\n");
        run("debugfs", "-w", "-f", script.toString(), image.toString());
        return image;
    }

    /** Runs a reference tool; a non-zero exit fails the test with its output. */
    public static String run(String... cmd) throws IOException, InterruptedException {
        List<String> resolved = new ArrayList<>(List.of(cmd));
        resolved.set(0, resolve(cmd[0]));
        Assumptions.assumeTrue(!resolved.get(0).equals(cmd[0]), cmd[0] + " (e2fsprogs) is not installed");
        Process p = new ProcessBuilder(resolved).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " did not finish");
        }
        if (p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", cmd) + " exited with " + p.exitValue() + ":\n" + out);
        }
        return out;
    }

    private static String resolve(String tool) {
        for (String d : (System.getenv("PATH") + ":/sbin:/usr/sbin").split(":")) {
            if (!d.isEmpty() && Path.of(d, tool).toFile().canExecute()) {
                return Path.of(d, tool).toString();
            }
        }
        return tool;
    }
}
