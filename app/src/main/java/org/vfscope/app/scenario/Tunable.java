package org.vfscope.app.scenario;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.vfscope.app.image.Machine;
import org.vfscope.block.LatencyModel;
import org.vfscope.mm.VmTunables;

/** One tunable setting: a /proc/sys/vm knob of the kernel, or the block device's latency model. */
public sealed interface Tunable {

    /** The name of the device-latency tunable; it is not a vm knob, so the kernel does not know it. */
    String LATENCY = "latency";

    /** The name the scenario file uses for it. */
    String name();

    /** Its value as the scenario file writes it. */
    String valueText();

    /** Applies it: vm knobs go to the kernel, latency to the device (none on ramfs: no effect). */
    default void applyTo(Machine machine) {
        if (this instanceof Vm vm) {
            machine.kernel().tunables().set(vm.name(), vm.value());
        } else if (this instanceof DeviceLatency d) {
            machine.device().ifPresent(dev -> dev.setLatencyModel(d.model()));
        }
    }

    /** Every name a scenario may set: the kernel's vm tunables, then {@code latency}. */
    static List<String> names() {
        List<String> names = new ArrayList<>(new VmTunables().all().keySet());
        names.add(LATENCY);
        return names;
    }

    /** The values of {@code latency}: the block layer's latency models in lower case (none, ssd, hdd, slow). */
    static List<String> latencyNames() {
        return Arrays.stream(LatencyModel.values()).map(DeviceLatency::nameOf).toList();
    }

    /** A knob of {@code kernel.tunables()}, e.g. {@code dirty_ratio = 20}. */
    record Vm(String name, long value) implements Tunable {
        @Override
        public String valueText() {
            return Long.toString(value);
        }
    }

    /** How slow the image's block device is. */
    record DeviceLatency(LatencyModel model) implements Tunable {

        /** The model a scenario calls {@code text}, e.g. "hdd". */
        public static Optional<DeviceLatency> of(String text) {
            return Arrays.stream(LatencyModel.values()).filter(m -> nameOf(m).equals(text)).findFirst().map(DeviceLatency::new);
        }

        static String nameOf(LatencyModel m) {
            return m.name().toLowerCase(Locale.ROOT);
        }

        @Override
        public String name() {
            return LATENCY;
        }

        @Override
        public String valueText() {
            return nameOf(model);
        }
    }
}
