package org.vfscope.app.workbench;

import java.lang.management.ManagementFactory;

import javafx.application.Platform;
import javafx.scene.Scene;

/**
 * Startup milestones. With {@code -Dvfscope.reportStartup=true} each is printed with the JVM's
 * uptime and the wall clock (for a timing from before the JVM, e.g. the launcher's start);
 * with {@code -Dvfscope.reportStartup=exit} the app also quits at the first pulse after the
 * window became usable, so a script can time whole starts.
 */
public final class Startup {
    private static final String MODE = System.getProperty("vfscope.reportStartup", "");
    private static final boolean ON = MODE.equals("true") || MODE.equals("exit");
    private static boolean usableSeen;

    private Startup() {
    }

    public static void mark(String what) {
        if (ON) {
            // Uptime through the MX bean loads java.management; only when asked.
            System.err.println("vfscope: " + ManagementFactory.getRuntimeMXBean().getUptime() + " ms (wall "
                    + System.currentTimeMillis() + "): " + what);
        }
    }

    /**
     * The tree shows the image's root directory: the window is usable once the next pulse has
     * laid it out and handed it to the renderer. Only the first call counts.
     */
    public static void usable(Scene scene) {
        if (!ON || usableSeen) {
            return;
        }
        usableSeen = true;
        mark("root directory listed");
        scene.addPostLayoutPulseListener(new Runnable() {
            @Override
            public void run() {
                scene.removePostLayoutPulseListener(this);
                mark("first pulse after the root directory was listed: usable");
                if (MODE.equals("exit")) {
                    Platform.runLater(() -> Runtime.getRuntime().halt(0));
                }
            }
        });
        Platform.requestNextPulse();
    }
}
