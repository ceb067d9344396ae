package org.vfscope.app.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
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
            "(reads, a second read, lookups, writes, sync, drop_caches, in a loop)."})
final class VizDemoCommand implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    @SuppressWarnings("unused")
    private boolean help;

    @Option(names = "--view", paramLabel = "VIEW",
            description = "The view shown first: dentries, inodes, pages, writeback or blocks (default: dentries).")
    private String view = "dentries";

    @Option(names = "--theme", paramLabel = "THEME", description = "light or dark (default: light).")
    private String theme = "light";

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
        if (!host.displayAvailable()) {
            throw new IllegalStateException("no display to open the demo on (DISPLAY and WAYLAND_DISPLAY are unset)");
        }
        VizDemoApp.firstView = first;
        VizDemoApp.theme = t;
        Application.launch(VizDemoApp.class);
        return 0;
    }
}
