package org.vfscope.app.scenario;

import java.time.Instant;
import java.util.Optional;

import org.vfscope.block.InstrumentedDevice;
import org.vfscope.sys.Process;
import org.vfscope.vfs.Kernel;
import org.vfscope.vfs.KernelClock;

/**
 * What a scenario runs on: a freshly booted kernel on a manual clock (time moves only when a step
 * says so, and the flusher's timers fire inside that step), its first process, and the block
 * device under the root filesystem, if it has one (ramfs has none).
 */
public final class Machine implements AutoCloseable {
    private final KernelClock.Manual clock;
    private final Kernel kernel;
    private final Process process;
    private final Optional<InstrumentedDevice> device;

    Machine(KernelClock.Manual clock, Kernel kernel, Optional<InstrumentedDevice> device) {
        this.clock = clock;
        this.kernel = kernel;
        this.process = Process.init(kernel);
        this.device = device;
    }

    /** A kernel with ramfs at "/", as {@code Kernel.boot} mounts it; there is no block device. */
    public static Machine ramfs() {
        KernelClock.Manual clock = newClock();
        return new Machine(clock, Kernel.boot(clock), Optional.empty());
    }

    /** The clock a scenario's kernel runs on: stopped until a step moves it. */
    static KernelClock.Manual newClock() {
        return new KernelClock.Manual(Instant.now());
    }

    public Kernel kernel() {
        return kernel;
    }

    public KernelClock.Manual clock() {
        return clock;
    }

    /** The process whose system calls the steps make (root, at "/"). */
    public Process process() {
        return process;
    }

    /** Whether a device is there for {@code latency} to slow down. */
    public boolean hasDevice() {
        return device.isPresent();
    }

    /** Applies one tunable: vm knobs go to the kernel, latency to the device (none on ramfs: no effect). */
    public void set(Tunable tunable) {
        if (tunable instanceof Tunable.Vm vm) {
            kernel.tunables().set(vm.name(), vm.value());
        } else if (tunable instanceof Tunable.DeviceLatency d) {
            device.ifPresent(dev -> dev.setLatencyModel(d.model()));
        }
    }

    /** The process exits; then the device closes, dropping the copy-on-write overlay unsaved. */
    @Override
    public void close() {
        try {
            process.exit();
        } finally {
            device.ifPresent(InstrumentedDevice::close);
        }
    }
}
