package org.vfscope.app.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import org.vfscope.app.scenario.ScenarioRunner;
import org.vfscope.app.scenario.StepResult;
import org.vfscope.trace.CacheCounters;
import org.vfscope.vfs.Errno;

/**
 * {@code run} without {@code --json}: a header, then one fixed-width row per step — step, op,
 * target, errno, then the counters under short names. About 155 columns, so it fits a terminal
 * on stage; a value too wide for its column pushes only its own row.
 */
final class TableReport implements ScenarioRunner.Listener {

    private record Column(String header, int width, boolean alignLeft, Function<StepResult, String> value) {
    }

    private static final List<Column> COLUMNS = List.of(
            number("step", 4, r -> r.number()),
            text("op", 11, r -> r.step().op()),
            text("target", 20, r -> tail(r.step().target(), 20)),
            text("error", 9, r -> r.error().map(Errno::name).orElse("")),
            counter("dent", 6, CacheCounters::dentries),
            counter("d_unu", 5, CacheCounters::dentriesUnused),
            counter("d_neg", 5, CacheCounters::dentriesNegative),
            counter("ino", 6, CacheCounters::inodes),
            counter("i_dir", 5, CacheCounters::inodesDirty),
            counter("pages", 6, CacheCounters::pages),
            counter("act", 5, CacheCounters::pagesActive),
            counter("inact", 5, CacheCounters::pagesInactive),
            counter("ref", 5, CacheCounters::pagesReferenced),
            counter("dirty", 5, CacheCounters::pagesDirty),
            counter("wb", 5, CacheCounters::pagesWriteback),
            text("ra_windows", 12, r -> windows(r.counters().readaheadWindows(), 12)),
            counter("b_rd", 5, CacheCounters::blockReads),
            counter("b_wr", 5, CacheCounters::blockWrites),
            counter("rfault", 6, CacheCounters::refaults),
            counter("evict", 5, CacheCounters::evictions));

    private final PrintWriter out;

    TableReport(PrintWriter out) {
        this.out = out;
    }

    /** Prints the header; called once, before the first step, so an empty scenario still shows it. */
    void header() {
        out.println(row(c -> c.header));
        out.flush();
    }

    @Override
    public void stepDone(StepResult r) {
        out.println(row(c -> c.value.apply(r)));
        out.flush();
    }

    private static String row(Function<Column, String> cell) {
        StringBuilder sb = new StringBuilder();
        for (Column c : COLUMNS) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            String v = cell.apply(c);
            String pad = " ".repeat(Math.max(0, c.width - v.length()));
            sb.append(c.alignLeft ? v + pad : pad + v);
        }
        return sb.toString().stripTrailing();
    }

    /** Readahead windows run-length encoded, "4,8,16,32*5", cut with ".." when still too long; "-" if none. */
    static String windows(List<Integer> sizes, int width) {
        if (sizes.isEmpty()) {
            return "-";
        }
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < sizes.size(); ) {
            int j = i;
            while (j < sizes.size() && sizes.get(j).equals(sizes.get(i))) {
                j++;
            }
            runs.add(j - i == 1 ? sizes.get(i).toString() : sizes.get(i) + "*" + (j - i));
            i = j;
        }
        String s = String.join(",", runs);
        return s.length() <= width ? s : s.substring(0, width - 2) + "..";
    }

    /** The end of a path is what tells files apart: "..ir/deep/file". */
    static String tail(String s, int width) {
        return s.length() <= width ? s : ".." + s.substring(s.length() - (width - 2));
    }

    private static Column text(String header, int width, Function<StepResult, String> value) {
        return new Column(header, width, true, value);
    }

    private static Column number(String header, int width, ToLongFunction<StepResult> value) {
        return new Column(header, width, false, r -> Long.toString(value.applyAsLong(r)));
    }

    private static Column counter(String header, int width, ToLongFunction<CacheCounters> value) {
        return number(header, width, r -> value.applyAsLong(r.counters()));
    }
}
