package org.vfscope.fs;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.vfscope.block.BlockDevice;

/**
 * Recognising which filesystem a device holds, as blkid does: each driver contributes a
 * {@link Prober} that looks at the device's signature (a superblock magic) and names the
 * filesystem type to mount it with. The first prober that recognises the device wins.
 */
public final class FsProbe {
    /** One driver's check. It reads a few bytes and must not throw for garbage (answer empty). */
    @FunctionalInterface
    public interface Prober {
        /** The filesystem type name ("ext4", "vfat"...) if this device holds one, else empty. */
        Optional<String> probe(BlockDevice device);
    }

    private static final List<Prober> PROBERS = new CopyOnWriteArrayList<>();

    private FsProbe() {
    }

    public static void register(Prober prober) {
        PROBERS.add(prober);
    }

    /** The filesystem type on {@code device}, or empty when no driver recognises it. */
    public static Optional<String> identify(BlockDevice device) {
        for (Prober p : PROBERS) {
            Optional<String> type;
            try {
                type = p.probe(device);
            } catch (RuntimeException e) {
                continue; // a prober that chokes on garbage simply did not recognise it
            }
            if (type.isPresent()) {
                return type;
            }
        }
        return Optional.empty();
    }
}
