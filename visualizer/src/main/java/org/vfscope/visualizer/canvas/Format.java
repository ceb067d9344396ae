package org.vfscope.visualizer.canvas;

import java.util.Locale;

/** Numbers as the views print them: grouped counts, ages in seconds, sizes, latencies. */
public final class Format {
    private Format() {
    }

    /** 1,204 */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** 0.4 s, 12.3 s, 4 min 5 s */
    public static String age(long nanos) {
        double s = Math.max(0, nanos) / 1e9;
        if (s < 120) {
            return String.format(Locale.ROOT, "%.1f s", s);
        }
        long whole = (long) s;
        return whole / 60 + " min " + whole % 60 + " s";
    }

    /** 512 B, 4 KiB, 1.5 MiB */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return v == Math.rint(v) ? (long) v + " " + units[u] : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** 800 ns, 12 µs, 3.4 ms, 1.2 s */
    public static String latency(long nanos) {
        if (nanos < 1_000) {
            return nanos + " ns";
        }
        if (nanos < 1_000_000) {
            return trim(nanos / 1e3) + " µs";
        }
        if (nanos < 1_000_000_000) {
            return trim(nanos / 1e6) + " ms";
        }
        return trim(nanos / 1e9) + " s";
    }

    private static String trim(double v) {
        return v >= 10 || v == Math.rint(v) ? String.valueOf(Math.round(v)) : String.format(Locale.ROOT, "%.1f", v);
    }
}
