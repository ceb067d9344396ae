package org.vfscope.app.workbench.demo;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import org.vfscope.app.image.Machine;
import org.vfscope.app.scenario.Scenario;
import org.vfscope.app.scenario.ScenarioParser;
import org.vfscope.app.scenario.ScenarioRunner;
import org.vfscope.app.workbench.WorkbenchModel;
import org.vfscope.app.workbench.image.EngineClock;
import org.vfscope.app.workbench.task.BackgroundTask;
import org.vfscope.block.LatencyModel;
import org.vfscope.mm.VmTunables;

/**
 * Demo mode's controls on the primary machine: tunables set live, the device latency model, the
 * clock's speed (slow motion), Pause / Step, Sync, Drop caches, and scenario playback whose
 * steps wait for the speed and for Pause.
 */
public final class DemoViewModel {
    /** The tunables the panel shows, in order, with their range. */
    public static final Map<String, long[]> TUNABLES = new LinkedHashMap<>();

    static {
        TUNABLES.put(VmTunables.CACHE_PAGES, new long[] {64, 1 << 20});
        TUNABLES.put(VmTunables.DIRTY_BACKGROUND_RATIO, new long[] {0, 100});
        TUNABLES.put(VmTunables.DIRTY_RATIO, new long[] {0, 100});
        TUNABLES.put(VmTunables.DIRTY_WRITEBACK_CENTISECS, new long[] {0, 60_000});
        TUNABLES.put(VmTunables.DIRTY_EXPIRE_CENTISECS, new long[] {0, 60_000});
        TUNABLES.put(VmTunables.READ_AHEAD_KB, new long[] {0, 16_384});
    }

    private static final long STEP_PAUSE_MILLIS = 700;

    private final WorkbenchModel model;
    private final BooleanProperty paused = new SimpleBooleanProperty(this, "paused");
    private final DoubleProperty speed = new SimpleDoubleProperty(this, "speed", 1.0);
    private final StringProperty scenarioStatus = new SimpleStringProperty(this, "scenarioStatus", "No scenario loaded.");
    private Machine machine;
    private EngineClock clock;

    public DemoViewModel(WorkbenchModel model) {
        this.model = model;
        paused.addListener((o, was, now) -> {
            if (clock != null) {
                clock.setPaused(now);
            }
        });
        speed.addListener((o, was, now) -> {
            if (clock != null) {
                clock.setSpeed(now.doubleValue());
            }
        });
    }

    /** Follows {@code m}, whose clock {@code c} the workbench drives. */
    public void attach(Machine m, EngineClock c) {
        this.machine = m;
        this.clock = c;
        c.setPaused(paused.get());
        c.setSpeed(speed.get());
    }

    public void detach() {
        machine = null;
        clock = null;
    }

    public boolean isAttached() {
        return machine != null;
    }

    public BooleanProperty pausedProperty() {
        return paused;
    }

    public DoubleProperty speedProperty() {
        return speed;
    }

    public StringProperty scenarioStatusProperty() {
        return scenarioStatus;
    }

    public long tunable(String name) {
        return machine == null ? 0 : machine.kernel().tunables().get(name);
    }

    public void setTunable(String name, long value) {
        Machine m = machine;
        if (m == null) {
            return;
        }
        run("Set " + name + " = " + value, () -> m.kernel().tunables().set(name, value));
    }

    public LatencyModel latency() {
        return machine == null ? null : machine.device().map(d -> d.latencyModel()).orElse(null);
    }

    public void setLatency(LatencyModel model) {
        Machine m = machine;
        if (m != null && m.device().isPresent()) {
            m.device().get().setLatencyModel(model);
            this.model.notify("Device latency: " + model.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    public void sync() {
        Machine m = machine;
        if (m != null) {
            run("Sync", () -> m.process().sync());
        }
    }

    public void dropCaches(int level) {
        Machine m = machine;
        if (m != null) {
            run("Drop caches " + level, () -> m.kernel().dropCaches(level));
        }
    }

    /** Moves the kernel clock by one writeback period: the flusher runs once. */
    public void step() {
        Machine m = machine;
        if (clock != null && m != null) {
            clock.step(m.kernel().tunables().dirtyWritebackCentisecs() * 10L);
        }
    }

    /** Plays {@code file}'s steps on the primary machine, one every 0.7 s divided by the speed; Pause holds it. */
    public void play(Path file) {
        Machine m = machine;
        if (m == null) {
            model.error("Open an image first: scenarios play on its engine.");
            return;
        }
        model.tasks().submit("Scenario " + file.getFileName(), p -> {
            Scenario s = new ScenarioParser().parse(file);
            int total = s.steps().size();
            ScenarioRunner.run(s, m, r -> {
                p.update(r.number(), total);
                String text = "step " + r.number() + "/" + total + ": " + r.step().op() + " " + r.step().target()
                        + r.error().map(e -> "  → " + e.name()).orElse("");
                p.message(text);
                model.tasks().fx().execute(() -> scenarioStatus.set(text));
                waitBetweenSteps(p);
            });
            return total;
        }, n -> scenarioStatus.set("Played " + n + " steps of " + file.getFileName()),
                message -> scenarioStatus.set("Scenario stopped: " + message));
    }

    private void waitBetweenSteps(BackgroundTask.Progress p) {
        try {
            long waited = 0;
            while (waited < STEP_PAUSE_MILLIS / Math.max(0.05, speed.get()) || paused.get()) {
                if (p.isCancelled()) {
                    throw new IllegalStateException("cancelled");
                }
                Thread.sleep(50);
                waited += 50;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("cancelled", e);
        }
    }

    private void run(String title, Runnable r) {
        model.tasks().submit(title, p -> {
            r.run();
            return null;
        }, x -> model.notify(title + ": done"), m -> model.error(title + " failed: " + m));
    }
}
