package org.vfscope.fs;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.vfscope.block.BlockDevice;

/**
 * Making a new filesystem on a device, as mkfs.TYPE does: each driver that can format registers a
 * {@link Formatter} under its type name, when a kernel boots (as probers register with
 * {@link FsProbe}). The command line's {@code mkfs} finds it here.
 */
public final class Mkfs {

    /** What a new filesystem is made with; every field has a default the driver picks. */
    public record Options(Instant now, String label, int blockSize) {
        public Options {
            Objects.requireNonNull(now);
            Objects.requireNonNull(label);
        }

        /** No label, the driver's default block size, made {@code now}. */
        public static Options defaults(Instant now) {
            return new Options(now, "", 0);
        }
    }

    /** One driver's mkfs. */
    @FunctionalInterface
    public interface Formatter {
        /**
         * Writes a new, empty filesystem over the whole of {@code device}, which is open read-write,
         * and flushes it. {@code VfsException} (EINVAL, ENOSPC...) when it cannot, e.g. a device too
         * small for the smallest filesystem of the type.
         */
        void format(BlockDevice device, Options options);
    }

    private static final Map<String, Formatter> FORMATTERS = new ConcurrentHashMap<>();

    private Mkfs() {
    }

    /** Registers {@code formatter} as mkfs for {@code type}, replacing any before it. */
    public static void register(String type, Formatter formatter) {
        FORMATTERS.put(type, formatter);
    }

    /** The mkfs for {@code type}, or empty when no driver in this build can make one. */
    public static Optional<Formatter> forType(String type) {
        return Optional.ofNullable(FORMATTERS.get(type));
    }

    /** The types that can be made, sorted. */
    public static List<String> types() {
        return FORMATTERS.keySet().stream().sorted().toList();
    }
}
