package org.vfscope.app.workbench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/** e2fsprogs run on an image from outside the app: the judge of what the workbench wrote. */
final class ExternalTools {
    private ExternalTools() {
    }

    /** {@code e2fsck -fn IMAGE} must exit 0; otherwise the test fails with e2fsck's report. */
    static void assertCleanExt2(Path image) throws IOException, InterruptedException {
        Output r = run(false, "e2fsck", "-fn", image.toString());
        if (r.status != 0) {
            throw new AssertionError("e2fsck -fn " + image + " exited with " + r.status + ":\n" + r.text);
        }
    }

    /** What {@code debugfs -R REQUEST IMAGE} prints on stdout (its banner goes to stderr). */
    static String debugfs(Path image, String request) throws IOException, InterruptedException {
        return run(true, "debugfs", "-R", request, image.toString()).text;
    }

    private record Output(int status, String text) {
    }

    private static Output run(boolean stdoutOnly, String tool, String... args) throws IOException, InterruptedException {
        String exe = resolve(tool);
        Assumptions.assumeTrue(exe != null, tool + " is not installed (e2fsprogs)");
        List<String> cmd = new ArrayList<>(List.of(exe));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(!stdoutOnly);
        if (stdoutOnly) {
            pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        }
        pb.environment().put("LC_ALL", "C");
        java.lang.Process p = pb.start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(cmd + " did not finish");
        }
        return new Output(p.exitValue(), text);
    }

    private static String resolve(String tool) {
        for (String dir : (System.getenv("PATH") + ":/sbin:/usr/sbin").split(":")) {
            if (!dir.isEmpty() && Path.of(dir, tool).toFile().canExecute()) {
                return Path.of(dir, tool).toString();
            }
        }
        return null;
    }
}
