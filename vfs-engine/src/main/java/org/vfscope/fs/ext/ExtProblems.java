package org.vfscope.fs.ext;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-superblock list of {@link ExtProblem}s. Bounded (the image may be garbage everywhere)
 * and deduplicated (a cached object read twice is one finding); each new finding is logged once.
 */
public final class ExtProblems {
    private static final Logger LOG = LoggerFactory.getLogger(ExtProblems.class);
    /** Enough to show what is wrong; beyond it only a count is kept. */
    public static final int MAX_KEPT = 10_000;

    private final String id;
    private final Set<ExtProblem> problems = new LinkedHashSet<>();
    private long dropped;

    ExtProblems(String id) {
        this.id = id;
    }

    /** Records a finding; returns whether it was new. */
    public synchronized boolean report(ExtProblem.Code code, long inode, long block, String message) {
        ExtProblem p = new ExtProblem(code, inode, block, message);
        if (problems.contains(p)) {
            return false;
        }
        if (problems.size() >= MAX_KEPT) {
            dropped++;
            return false;
        }
        problems.add(p);
        LOG.warn("{}: {}", id, p);
        return true;
    }

    /** A copy of the findings in the order they were found. */
    public synchronized List<ExtProblem> list() {
        return new ArrayList<>(problems);
    }

    /** Findings not kept because the list was full. */
    public synchronized long dropped() {
        return dropped;
    }

    public synchronized int size() {
        return problems.size();
    }

    /** The findings about one inode, for its stat/inspector view. */
    public synchronized List<ExtProblem> forInode(long ino) {
        List<ExtProblem> out = new ArrayList<>();
        for (ExtProblem p : problems) {
            if (p.inode() == ino) {
                out.add(p);
            }
        }
        return out;
    }
}
