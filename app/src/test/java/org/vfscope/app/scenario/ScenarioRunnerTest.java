package org.vfscope.app.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.vfscope.app.image.Machine;
import org.vfscope.sys.Process;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.OpenFlags;

class ScenarioRunnerTest {

    private final List<StepResult> results = new ArrayList<>();

    private Machine run(Tunable[] tunables, Step... steps) throws InterruptedException {
        Machine m = Machine.ramfs();
        ScenarioRunner.run(new Scenario(List.of(tunables), List.of(steps)), m, results::add);
        return m;
    }

    private Machine run(Step... steps) throws InterruptedException {
        return run(new Tunable[0], steps);
    }

    @Test
    void writeLaysDownTheDocumentedPatternAtItsOffsetsInChunks() throws InterruptedException {
        Machine m = run(new Step.Write("/f", 1000, 10_000, 3000));

        Process p = m.process();
        assertThat(p.stat("/f").size()).isEqualTo(11_000);
        byte[] back = new byte[11_000];
        int fd = p.open("/f", OpenFlags.O_RDONLY);
        int n = p.read(fd, back, 0, back.length);
        p.close(fd);
        assertThat(n).isEqualTo(11_000);
        for (int o = 0; o < 1000; o++) {
            assertThat(back[o]).as("hole at %d", o).isZero();
        }
        for (int o = 1000; o < 11_000; o++) {
            assertThat(back[o]).as("offset %d", o).isEqualTo((byte) ((o * 31 + 7) & 0xff));
        }
    }

    @Test
    void writeNeverTruncatesWhatIsAlreadyThere() throws InterruptedException {
        Machine m = run(new Step.Write("/f", 0, 8192, 4096), new Step.Write("/f", 0, 10, 4096));
        assertThat(m.process().stat("/f").size()).isEqualTo(8192);
    }

    @Test
    void readingPastTheEndOfFileIsNotAnError() throws InterruptedException {
        run(new Step.Write("/f", 0, 100, 4096), new Step.Read("/f", 50, 1 << 20, 7), new Step.Read("/f", 500, 10, 4096));
        assertThat(results).extracting(StepResult::error).containsOnly(Optional.empty());
    }

    @Test
    void stepsAreNumberedFromOneAndErrorsCarryTheErrno() throws InterruptedException {
        run(new Step.Stat("/nope"), new Step.Mkdir("/d"), new Step.Mkdir("/d"));
        assertThat(results).extracting(StepResult::number).containsExactly(1, 2, 3);
        assertThat(results).extracting(StepResult::error)
                .containsExactly(Optional.of(Errno.ENOENT), Optional.empty(), Optional.of(Errno.EEXIST));
    }

    @Test
    void tunablesAreSetBeforeTheFirstStepAndSetChangesThemLive() throws InterruptedException {
        Machine m = run(new Tunable[] {new Tunable.Vm("dirty_ratio", 40)},
                new Step.Sync(), new Step.Set(new Tunable.Vm("read_ahead_kb", 512)));
        assertThat(m.kernel().tunables().dirtyRatio()).isEqualTo(40);
        assertThat(m.kernel().tunables().readAheadKb()).isEqualTo(512);
    }

    @Test
    void advanceMovesTheEngineClockAndSleepMovesItByTheTimeSlept() throws InterruptedException {
        long start = System.nanoTime();
        Machine m = run(new Step.Advance(30_000), new Step.Sleep(20));
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(20_000_000L);
        assertThat(m.clock().nanoTime()).isEqualTo(30_020_000_000L);
    }

    @Test
    void unlinkOfAFileJustStattedLeavesANegativeDentry() throws InterruptedException {
        run(new Step.Create("/f"), new Step.Unlink("/f"));
        assertThat(results.get(1).counters().dentriesNegative())
                .isEqualTo(results.get(0).counters().dentriesNegative() + 1);
    }
}
