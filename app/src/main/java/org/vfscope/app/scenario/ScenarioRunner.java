package org.vfscope.app.scenario;

import java.util.Optional;

import org.vfscope.app.image.Machine;

import org.vfscope.vfs.Errno;
import org.vfscope.vfs.VfsException;

/**
 * Runs a scenario's steps in order on a machine and hands each step's result to a listener. A
 * step that fails with an errno is reported with it and the run goes on, as a shell script
 * without {@code set -e} would.
 */
public final class ScenarioRunner {

    /** Receives each step's result as soon as the step is done (output streams, a run can sleep). */
    @FunctionalInterface
    public interface Listener {
        void stepDone(StepResult result);
    }

    private ScenarioRunner() {
    }

    public static void run(Scenario scenario, Machine machine, Listener listener) throws InterruptedException {
        scenario.tunables().forEach(t -> t.applyTo(machine));
        // counters() reports readahead windows issued since the previous call: start afresh.
        machine.kernel().counters();
        StepExecutor executor = new StepExecutor(machine);
        int number = 0;
        for (Step step : scenario.steps()) {
            number++;
            Optional<Errno> error = Optional.empty();
            try {
                executor.execute(step);
            } catch (VfsException e) {
                error = Optional.of(e.errno());
            } catch (RuntimeException e) {
                // Not an errno but a bug in the engine: stop, naming the step.
                throw new IllegalStateException("step " + number + " (" + step.op() + " " + step.target()
                        + "): the engine failed: " + e, e);
            }
            // Work the step queued for the kworker (background writeback) runs before the sample,
            // as the flusher would have by the time a person looks; no simulated time passes.
            machine.clock().runPending();
            listener.stepDone(new StepResult(number, step, error, machine.kernel().counters()));
        }
    }
}
