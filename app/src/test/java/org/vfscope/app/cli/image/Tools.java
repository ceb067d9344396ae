package org.vfscope.app.cli.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the reference tools (mke2fs, sgdisk, e2fsck, debugfs...) the tests build and check images with. */
final class Tools {
    private Tools() {
    }

    /** The tool's exit status and output (stdout and stderr together). */
    record Result(int status, String output) {
    }

    static Result run(List<String> command) throws IOException, InterruptedException {
        List<String> resolved = new java.util.ArrayList<>(command);
        resolved.set(0, resolve(command.get(0)));
        ProcessBuilder pb = new ProcessBuilder(resolved).redirectErrorStream(true);
        pb.environment().put("LC_ALL", "C");
        Process process = pb.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(command + " did not finish");
        }
        return new Result(process.exitValue(), output);
    }

    /** Runs {@code command}; an exit status other than 0 fails the test with the tool's output. */
    static String check(String... command) throws IOException, InterruptedException {
        Result r = run(List.of(command));
        if (r.status() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited with " + r.status() + ":\n" + r.output());
        }
        return r.output();
    }

    /** Whether {@code tool} is on the PATH (or in /sbin, /usr/sbin, where e2fsprogs lives). */
    static boolean available(String tool) {
        return !resolve(tool).equals(tool);
    }

    private static String resolve(String tool) {
        for (String dir : (System.getenv("PATH") + ":/sbin:/usr/sbin").split(":")) {
            if (!dir.isEmpty() && Path.of(dir, tool).toFile().canExecute()) {
                return Path.of(dir, tool).toString();
            }
        }
        return tool;
    }

    /** {@code mke2fs -q -F -t TYPE [extra] -d TREE IMAGE SIZE}; a fixed clock and hash seed, so runs are alike. */
    static Path mke2fs(Path tree, Path image, String type, String size, String... extra) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("mke2fs", "-q", "-F", "-t", type));
        cmd.addAll(List.of(extra));
        if (tree != null) {
            cmd.add("-d");
            cmd.add(tree.toString());
        }
        cmd.add(image.toString());
        cmd.add(size);
        Result r = run(cmd);
        if (r.status() != 0) {
            throw new AssertionError(cmd + " exited with " + r.status() + ":\n" + r.output());
        }
        return image;
    }
}
