package org.vfscope.block;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.VfsException;

/**
 * Makes requests fail on purpose, like dm-flakey and dm-error: EIO for requests touching chosen
 * byte ranges, and a power cut after which every write is dropped and fails. Thread-safe; rules can
 * change while I/O runs.
 */
public final class FaultInjector {

    /** Which requests a rule fails. */
    public enum Target {
        READS, WRITES, BOTH;

        boolean covers(boolean write) {
            return this == BOTH || (this == WRITES) == write;
        }
    }

    /** Requests of kind {@code on} that overlap bytes {@code [offset, offset + length)} fail with EIO. */
    public record Rule(long offset, long length, Target on) {
        public Rule {
            if (offset < 0 || length <= 0 || on == null) {
                throw new VfsException(Errno.EINVAL, "fault rule", "offset " + offset + ", length " + length);
            }
        }

        /** The rule for {@code count} blocks of {@code blockSize} bytes from block {@code first}. */
        public static Rule blocks(long first, long count, int blockSize, Target on) {
            return new Rule(first * blockSize, count * blockSize, on);
        }

        boolean matches(long start, int n, boolean write) {
            return on.covers(write) && n > 0 && start < offset + length && offset < start + n;
        }
    }

    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    /** Writes that may still complete before the power goes; -1 when no cut is armed. */
    private final AtomicLong writesBeforeCut = new AtomicLong(-1);

    public Rule add(Rule rule) {
        rules.add(rule);
        return rule;
    }

    public Rule failReads(long offset, long length) {
        return add(new Rule(offset, length, Target.READS));
    }

    public Rule failWrites(long offset, long length) {
        return add(new Rule(offset, length, Target.WRITES));
    }

    public Rule fail(long offset, long length, Target on) {
        return add(new Rule(offset, length, on));
    }

    public boolean remove(Rule rule) {
        return rules.remove(rule);
    }

    public List<Rule> rules() {
        return List.copyOf(rules);
    }

    /** Removes every rule and restores the power. */
    public void clear() {
        rules.clear();
        restorePower();
    }

    /**
     * Arms a power cut: {@code writes} more writes complete, then every write (and flush) fails with
     * EIO and reaches nothing, until {@link #restorePower()}. Reads keep working, so what survived
     * the cut can be examined. {@code powerCutAfter(0)} cuts at once.
     */
    public void powerCutAfter(long writes) {
        if (writes < 0) {
            throw new VfsException(Errno.EINVAL, "power cut", "after " + writes + " writes");
        }
        writesBeforeCut.set(writes);
    }

    public void restorePower() {
        writesBeforeCut.set(-1);
    }

    public boolean isPowerCut() {
        return writesBeforeCut.get() == 0;
    }

    /** Writes left before the armed power cut, or -1 when none is armed. */
    public long writesUntilPowerCut() {
        return writesBeforeCut.get();
    }

    /**
     * Decides the fate of one request; a write that may pass uses up one write before the cut.
     *
     * @return why the request fails, or {@code null} if it may go ahead
     */
    String check(long offset, int length, boolean write) {
        for (Rule rule : rules) {
            if (rule.matches(offset, length, write)) {
                return "injected " + (write ? "write" : "read") + " error at offset " + offset + ", length " + length;
            }
        }
        if (write && writesBeforeCut.getAndUpdate(left -> left > 0 ? left - 1 : left) == 0) {
            return "power cut: write at offset " + offset + ", length " + length + " dropped";
        }
        return null;
    }
}
