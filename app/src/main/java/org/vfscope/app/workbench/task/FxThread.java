package org.vfscope.app.workbench.task;

import javafx.application.Platform;
import javafx.scene.Scene;

/** Runs work on the FX thread: inline when already there (as Recaf's FxThreadUtil), else later. */
public final class FxThread {
    private FxThread() {
    }

    public static void run(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }

    /** Runs {@code r} once, right after the next pulse has laid out {@code scene} (call on the FX thread). */
    public static void afterNextPulse(Scene scene, Runnable r) {
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            // Out of the pulse: what r changes is laid out by the next one.
            Platform.runLater(r);
        };
        scene.addPostLayoutPulseListener(once[0]);
        Platform.requestNextPulse();
    }
}
