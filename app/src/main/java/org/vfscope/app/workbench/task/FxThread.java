package org.vfscope.app.workbench.task;

import javafx.application.Platform;

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
}
