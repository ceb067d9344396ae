package org.vfscope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;

class CliTest {

    @TempDir
    Path dir;

    private final List<Optional<Path>> opened = new ArrayList<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    // --debug lowers the level of the one logback root logger in this JVM; put it back.
    private final ch.qos.logback.classic.Logger rootLogger =
            ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
    private final Level configuredLevel = rootLogger.getLevel();

    @AfterEach
    void restoreLogLevel() {
        rootLogger.setLevel(configuredLevel);
    }

    private int run(boolean display, String... args) {
        Host host = new Host(display, dir.resolve("images/demo.img"), opened::add);
        return Cli.run(host, new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void helpListsTheGuiCommandAndExitsZero() {
        assertThat(run(false, "--help")).isZero();
        assertThat(out.toString()).contains("Usage: vfscope", "gui", "--debug", "--version");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aNamedCommandIsTheOnlyOneBuiltUnderTheRoot() {
        Host host = new Host(false, dir.resolve("images/demo.img"), opened::add);
        PrintWriter o = new PrintWriter(out, true);
        PrintWriter e = new PrintWriter(err, true);
        assertThat(Cli.commandLine(host, System.out, o, e, new String[] {"put", "--help"}).getSubcommands().keySet())
                .containsExactlyInAnyOrder("help", "put");
        assertThat(Cli.commandLine(host, System.out, o, e, new String[] {"--help"}).getSubcommands().keySet())
                .contains("help", "gui", "run", "info", "ls", "cat", "get", "put", "mkfs", "viz-demo");
        assertThat(Cli.commandLine(host, System.out, o, e, new String[] {"help", "put"}).getSubcommands())
                .hasSameSizeAs(Cli.commandLine(host, System.out, o, e, new String[0]).getSubcommands());
    }

    @Test
    void helpListsEveryCommandAndHelpOfOneCommandStillWorks() {
        assertThat(run(false, "--help")).isZero();
        assertThat(out.toString()).contains("info", "ls", "stat", "cat", "get", "put", "mkdir", "rm", "mv", "ln",
                "chmod", "recover", "mkfs", "viz-demo");
        out.getBuffer().setLength(0);
        assertThat(run(false, "help", "put")).isZero();
        assertThat(out.toString()).contains("Usage: vfscope put");
        out.getBuffer().setLength(0);
        assertThat(run(false, "put", "--help")).isZero();
        assertThat(out.toString()).contains("Usage: vfscope put", "--debug");
    }

    @Test
    void anUnknownCommandIsStillAOneLineUsageError() {
        assertThat(run(false, "putt", "x.img")).isEqualTo(1);
        assertThat(err.toString()).startsWith("vfscope: ").contains("putt");
        assertThat(err.toString().lines()).hasSize(1);
    }

    @Test
    void versionComesFromThePom() {
        assertThat(run(false, "--version")).isZero();
        assertThat(out.toString()).startsWith("vfscope " + VersionProvider.version() + System.lineSeparator());
        assertThat(VersionProvider.version()).matches("\\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void noArgumentsWithoutADisplaySaysSoInOneLinePointingToTheCli() {
        assertThat(run(false)).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("vfscope: " + Host.NO_DISPLAY + System.lineSeparator());
        assertThat(err.toString()).contains("no display", "vfscope --help");
        assertThat(out.toString()).isEmpty();
        assertThat(opened).isEmpty();
    }

    @Test
    void noArgumentsWithADisplayOpensTheDemoImage() throws IOException {
        Path demo = Files.createDirectories(dir.resolve("images")).resolve("demo.img");
        Files.write(demo, new byte[1024]);

        assertThat(run(true)).isZero();
        assertThat(opened).containsExactly(Optional.of(demo));
    }

    @Test
    void noArgumentsWithADisplayButNoDemoImageOpensAnEmptyWorkbench() {
        assertThat(run(true)).isZero();
        assertThat(opened).containsExactly(Optional.empty());
    }

    @Test
    void guiOpensTheGivenImageByItsAbsolutePath() throws IOException {
        Path image = Files.write(dir.resolve("disk.img"), new byte[512]);

        assertThat(run(true, "gui", image.toString())).isZero();
        assertThat(opened).containsExactly(Optional.of(image.toAbsolutePath()));
    }

    @Test
    void unknownOptionIsOneLineOnStderrWithStatusOne() {
        assertThat(run(false, "--frobnicate")).isEqualTo(1);
        assertThat(err.toString()).startsWith("vfscope: ").contains("--frobnicate");
        assertThat(err.toString().lines()).hasSize(1);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void missingImageIsAUsageErrorWithoutStackTrace() {
        assertThat(run(true, "gui", dir.resolve("nope.img").toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("vfscope: no such file: ").contains("nope.img");
        assertThat(err.toString().lines()).hasSize(1);
        assertThat(opened).isEmpty();
    }

    @Test
    void vizDemoReplayOfAMissingOrForeignFileIsOneLineWithStatusTwo() throws IOException {
        assertThat(run(true, "viz-demo", "--replay", dir.resolve("nope.jsonl").toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("vfscope: cannot replay ").contains("nope.jsonl");
        assertThat(err.toString().lines()).hasSize(1);

        err.getBuffer().setLength(0);
        Path notATrace = Files.writeString(dir.resolve("x.jsonl"), "hello\n");
        assertThat(run(true, "viz-demo", "--replay", notATrace.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("vfscope: cannot replay ").contains("not a VFScope recording");
        assertThat(err.toString().lines()).hasSize(1);
    }

    @Test
    void vizDemoCannotRecordAndReplayAtOnce() {
        assertThat(run(true, "viz-demo", "--record", "a.jsonl", "--replay", "b.jsonl")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("vfscope: --record and --replay cannot be used together\n");
    }

    @Test
    void guiWithoutADisplayFailsInOneLine() {
        assertThat(run(false, "gui")).isEqualTo(1);
        assertThat(err.toString()).startsWith("vfscope: no display");
        assertThat(err.toString().lines()).hasSize(1);
    }

    @Test
    void debugAddsTheStackTraceWhereverItIsGiven() {
        assertThat(run(false, "gui", "--debug")).isEqualTo(1);
        assertThat(err.toString()).startsWith("vfscope: no display").contains("\tat org.vfscope.app.cli.GuiCommand");
    }

    @Test
    void debugBeforeTheSubcommandAlsoShowsTheStackTraceOfAUsageError() {
        assertThat(run(true, "--debug", "gui", dir.resolve("nope.img").toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("vfscope: no such file: ").contains("\tat picocli.CommandLine");
    }

    @Test
    void loggingIsConfiguredWithoutErrorsAtWarnAndDebugLowersItToDebug() {
        assertThat(new StatusUtil(rootLogger.getLoggerContext()).getHighestLevel(0)).isLessThan(Status.WARN);
        assertThat(configuredLevel).isEqualTo(Level.WARN);

        run(false, "--debug", "--version");

        assertThat(rootLogger.getLevel()).isEqualTo(Level.DEBUG);
    }

    @Test
    void aDisplayIsANamedXOrWaylandDisplayOrADesktopOs() {
        assertThat(Host.displayAvailable(Map.of(), "Linux")).isFalse();
        assertThat(Host.displayAvailable(Map.of("DISPLAY", " "), "Linux")).isFalse();
        assertThat(Host.displayAvailable(Map.of("DISPLAY", ":0"), "Linux")).isTrue();
        assertThat(Host.displayAvailable(Map.of("WAYLAND_DISPLAY", "wayland-0"), "Linux")).isTrue();
        assertThat(Host.displayAvailable(Map.of(), "Mac OS X")).isTrue();
        assertThat(Host.displayAvailable(Map.of(), "Windows 11")).isTrue();
    }
}
