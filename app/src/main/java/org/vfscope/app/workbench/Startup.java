package org.vfscope.app.workbench;

import java.lang.management.ManagementFactory;

/** With {@code -Dvfscope.reportStartup=true}, prints how long after JVM start each startup milestone came. */
public final class Startup {
    private static final boolean ON = Boolean.getBoolean("vfscope.reportStartup");

    private Startup() {
    }

    public static void mark(String what) {
        if (ON) {
            System.err.println("vfscope: " + ManagementFactory.getRuntimeMXBean().getUptime() + " ms: " + what);
        }
    }
}
