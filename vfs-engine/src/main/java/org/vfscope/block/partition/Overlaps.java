package org.vfscope.block.partition;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Notes partitions that share sectors; the kernel registers them anyway, so they are kept. */
final class Overlaps {
    private Overlaps() {
    }

    static void note(List<Partition> partitions, Problems problems) {
        List<Partition> byStart = new ArrayList<>(partitions);
        byStart.sort(Comparator.comparingLong(Partition::start).thenComparingInt(Partition::number));
        Partition reaching = null; // the one that reaches furthest so far
        for (Partition p : byStart) {
            if (reaching != null && p.start() < reaching.end()) {
                problems.add("partition " + p.number() + " overlaps partition " + reaching.number());
            }
            if (reaching == null || p.end() > reaching.end()) {
                reaching = p;
            }
        }
    }
}
