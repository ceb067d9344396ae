package org.vfscope.app.cli;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vfscope.trace.RecordedSnapshotSource;
import org.vfscope.trace.TraceFormatException;
import javafx.application.Application;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.vfscope.visualizer.CacheViews;
import org.vfscope.visualizer.Theme;

/**
 * {@code vfscope viz-demo}: the five cache views on a scripted scenario over ramfs, so a speaker
 * can try them without an image. Returns when the window is closed.
 */
@Command(name = "viz-demo",
        description = {"Open the cache views on a ramfs engine running a scripted scenario",
            "(reads, a second read, lookups, writes, sync, drop_caches, in a loop);",
            "--record saves the session to a file that --replay plays back with a timeline."})
final class VizDemoCommand implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    @SuppressWarnings("unused")
    private boolean help;

    @Option(names = "--view", paramLabel = "VIEW",
            description = "The view shown first: dentries, inodes, pages, writeback or blocks (default: dentries).")
    private String view = "dentries";

    @Option(names = "--theme", paramLabel = "THEME", description = "light or dark (default: light).")
    private String theme = "light";

    @Option(names = "--record", paramLabel = "FILE",
            description = "Record the session (keyframe snapshots and events, JSON Lines) to FILE.")
    private Path record;

    @Option(names = "--keyframe-ms", paramLabel = "MS",
            description = "With --record: a keyframe snapshot every MS milliseconds (default: 500).")
    private long keyframeMillis = 500;

    @Option(names = "--replay", paramLabel = "FILE",
            description = "Play back a recording made with --record instead of running the scenario.")
    private Path replay;

    private final Host host;

    VizDemoCommand(Host host) {
        this.host = host;
    }

    @Override
    public Integer call() {
        Theme t = switch (theme.toLowerCase(Locale.ROOT)) {
            case "light" -> Theme.LIGHT;
            case "dark" -> Theme.DARK;
            default -> throw new IllegalArgumentException("--theme must be light or dark, not " + theme);
        };
        CacheViews.Kind first;
        try {
            first = CacheViews.Kind.valueOf(view.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--view must be dentries, inodes, pages, writeback or blocks, not " + view);
        }
        if (record != null && replay != null) {
            throw new IllegalArgumentException("--record and --replay cannot be used together");
        }
        if (keyframeMillis < 0) {
            throw new IllegalArgumentException("--keyframe-ms must not be negative: " + keyframeMillis);
        }
        if (!host.displayAvailable()) {
            throw new IllegalStateException("no display to open the demo on (DISPLAY and WAYLAND_DISPLAY are unset)");
        }
        VizDemoApp.firstView = first;
        VizDemoApp.theme = t;
        VizDemoApp.recordTo = record;
        VizDemoApp.keyframeIntervalNanos = keyframeMillis * 1_000_000L;
        VizDemoApp.replay = replay == null ? null : openRecording(replay);
        Application.launch(VizDemoApp.class);
        return 0;
    }

    /** Indexed here, before the window opens: the FX thread does no I/O, and a bad file is one line. */
    private static RecordedSnapshotSource openRecording(Path file) {
        try {
            return RecordedSnapshotSource.open(file);
        } catch (NoSuchFileException e) {
            throw new CommandFailure(Cli.EXIT_FAILED, "cannot replay '" + file + "': No such file", e);
        } catch (IOException e) {
            throw new CommandFailure(Cli.EXIT_FAILED, "cannot replay '" + file + "': " + e.getMessage(), e);
        } catch (TraceFormatException e) {
            throw new CommandFailure(Cli.EXIT_FAILED, "cannot replay '" + file + "': " + e.getMessage(), e);
        }
    }
}
