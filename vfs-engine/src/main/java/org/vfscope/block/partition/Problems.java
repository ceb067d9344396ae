package org.vfscope.block.partition;

import java.util.ArrayList;
import java.util.List;

/** The problems noted while reading a table, bounded so a hostile table cannot flood the list. */
final class Problems {
    private static final int MAX = 64;

    private final List<String> kept = new ArrayList<>();
    private int dropped;

    void add(String problem) {
        if (kept.size() < MAX) {
            kept.add(problem);
        } else {
            dropped++;
        }
    }

    List<String> list() {
        if (dropped == 0) {
            return List.copyOf(kept);
        }
        List<String> all = new ArrayList<>(kept);
        all.add("... and " + dropped + " more problems");
        return List.copyOf(all);
    }
}
