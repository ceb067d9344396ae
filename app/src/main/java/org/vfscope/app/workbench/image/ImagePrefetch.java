package org.vfscope.app.workbench.image;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.vfscope.app.image.Drivers;
import org.vfscope.app.image.Machine;

/**
 * Opens the image named on the command line while JavaFX starts (the two take about as long),
 * so that the window has something to show as soon as it appears. Taken at most once.
 */
public final class ImagePrefetch {
    /** A workspace and its primary volume's machine (null when it could not be mounted). */
    public record Opened(ImageWorkspace workspace, Machine primary) {
    }

    private static Path path;
    private static CompletableFuture<Opened> future;

    private ImagePrefetch() {
    }

    /** Starts opening {@code image} on a daemon thread; with no image, warms up the drivers. */
    public static synchronized void start(Optional<Path> image) {
        if (image.isEmpty()) {
            Thread t = new Thread(Drivers::load, "vfscope-prefetch");
            t.setDaemon(true);
            t.start();
            return;
        }
        path = image.get().toAbsolutePath();
        Path p = path;
        future = CompletableFuture.supplyAsync(() -> {
            try {
                return open(p);
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, r -> {
            Thread t = new Thread(r, "vfscope-prefetch");
            t.setDaemon(true);
            t.start();
        });
    }

    /** The prefetched image if it is {@code image}; afterwards the prefetch is gone. */
    public static synchronized Optional<CompletableFuture<Opened>> take(Path image) {
        if (future == null || !path.equals(image.toAbsolutePath())) {
            return Optional.empty();
        }
        CompletableFuture<Opened> f = future;
        future = null;
        path = null;
        return Optional.of(f);
    }

    /** Opens {@code image} and mounts its first filesystem (a mount failure leaves primary null). */
    public static Opened open(Path image) throws Exception {
        ImageWorkspace w = ImageWorkspace.open(image);
        Machine primary = null;
        if (w.primaryVolume().isPresent()) {
            try {
                primary = w.machine(w.primaryVolume().getAsInt());
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(ImagePrefetch.class).debug("mount failed", e);
            }
        }
        return new Opened(w, primary);
    }
}
