package org.vfscope.block;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.KernelClock;
import org.vfscope.vfs.VfsException;

/**
 * Wraps a device to make it observable and misbehave on demand, as dm-delay, dm-flakey and
 * blktrace do in Linux: a {@link LatencyModel} delays each request on the kernel clock, a {@link
 * FaultInjector} fails chosen requests, {@link #stats()} counts them and listeners hear of each one
 * as a {@link BlockIoEvent}. Everything can be changed while I/O runs.
 *
 * <p>Requests are not queued against each other: concurrent requests are delayed concurrently (as
 * on a device with a deep queue), and the in-flight count shows how many there are. A failed
 * request is delayed like any other. Writes to a read-only device are refused with EROFS before
 * they become requests.
 */
public final class InstrumentedDevice implements BlockDevice {
    private static final Logger LOG = LoggerFactory.getLogger(InstrumentedDevice.class);

    private final BlockDevice inner;
    private final KernelClock clock;
    private final FaultInjector faults = new FaultInjector();
    private final IoAccounting accounting = new IoAccounting();
    private final List<Consumer<BlockIoEvent>> listeners = new CopyOnWriteArrayList<>();
    /** Where the last request ended: the disk head, for {@link LatencyModel#HDD}. */
    private final AtomicLong headPosition = new AtomicLong();
    private volatile LatencyModel latencyModel = LatencyModel.NONE;

    /** @param clock the kernel's clock: delays are slept on it, and events are stamped with it */
    public InstrumentedDevice(BlockDevice inner, KernelClock clock) {
        this.inner = inner;
        this.clock = clock;
    }

    /** The device underneath, e.g. a {@link CowOverlay} to commit or discard. */
    public BlockDevice inner() {
        return inner;
    }

    public LatencyModel latencyModel() {
        return latencyModel;
    }

    /** Takes effect from the next request on. */
    public void setLatencyModel(LatencyModel model) {
        latencyModel = Objects.requireNonNull(model);
    }

    public FaultInjector faults() {
        return faults;
    }

    public IoStats stats() {
        return accounting.snapshot();
    }

    public void resetStats() {
        accounting.reset();
    }

    /** Listeners run on the thread doing the I/O, after it completes: keep them short. */
    public void addListener(Consumer<BlockIoEvent> listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    public void removeListener(Consumer<BlockIoEvent> listener) {
        listeners.remove(listener);
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public int logicalBlockSize() {
        return inner.logicalBlockSize();
    }

    @Override
    public long size() {
        return inner.size();
    }

    @Override
    public boolean isReadOnly() {
        return inner.isReadOnly();
    }

    @Override
    public void read(long offset, ByteBuffer dst) {
        request(false, offset, dst.remaining(), () -> inner.read(offset, dst));
    }

    @Override
    public void write(long offset, ByteBuffer src) {
        if (inner.isReadOnly()) {
            throw new VfsException(Errno.EROFS, name(), "write at offset " + offset);
        }
        request(true, offset, src.remaining(), () -> inner.write(offset, src));
    }

    /** Fails with EIO while the power is cut. */
    @Override
    public void flush() {
        boolean ok = false;
        try {
            if (faults.isPowerCut()) {
                throw new VfsException(Errno.EIO, name(), "power cut: flush failed");
            }
            inner.flush();
            ok = true;
        } finally {
            accounting.flushed(ok);
        }
    }

    @Override
    public void close() {
        inner.close();
    }

    @Override
    public String toString() {
        return "InstrumentedDevice[" + inner + ", " + latencyModel + "]";
    }

    private void request(boolean write, long offset, int length, Runnable io) {
        long origin = IoOrigin.current();
        long start = clock.nanoTime();
        accounting.begin();
        Errno error = Errno.EIO; // until the request completes
        try {
            long head = headPosition.getAndSet(offset + length);
            long delay = latencyModel.serviceNanos(offset, length, head, inner.size());
            if (delay > 0) {
                clock.sleepNanos(delay);
            }
            String fault = faults.check(offset, length, write);
            if (fault != null) {
                throw new VfsException(Errno.EIO, name(), fault);
            }
            io.run();
            error = null;
        } catch (VfsException e) {
            error = e.errno();
            throw e;
        } finally {
            long latency = clock.nanoTime() - start;
            accounting.end(write, length, latency, error == null);
            publish(new BlockIoEvent(start, offset, length, write, latency, origin, error));
        }
    }

    private void publish(BlockIoEvent event) {
        for (Consumer<BlockIoEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("block I/O listener failed on {}", event, e); // observation must not fail the I/O
            }
        }
    }
}
