package org.vfscope.app.scenario;

import java.util.List;

/**
 * A validated scenario file: tunables applied before the first step (in file order), then the
 * steps, numbered from 1.
 */
public record Scenario(List<Tunable> tunables, List<Step> steps) {

    public Scenario {
        tunables = List.copyOf(tunables);
        steps = List.copyOf(steps);
    }

    /** Whether any setting, initial or by a step, asks for a device latency. */
    public boolean setsLatency() {
        return tunables.stream().anyMatch(t -> t instanceof Tunable.DeviceLatency)
                || steps.stream().anyMatch(s -> s instanceof Step.Set set && set.tunable() instanceof Tunable.DeviceLatency);
    }
}
