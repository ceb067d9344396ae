package org.vfscope.fs.ext;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.vfscope.block.BlockDevice;

/**
 * Recognising ext2/3/4 as blkid does: the magic at byte 1080, then the feature bits decide the
 * name: a journal device is not ours; no journal and only ext2 features is "ext2"; a journal
 * and only ext3 features is "ext3"; anything more is "ext4".
 */
final class ExtProbe {
    private ExtProbe() {
    }

    static Optional<String> probe(BlockDevice device) {
        if (device.size() < ExtSuperBlockInfo.OFFSET + ExtSuperBlockInfo.SIZE) {
            return Optional.empty();
        }
        byte[] b = new byte[ExtSuperBlockInfo.SIZE];
        device.read(ExtSuperBlockInfo.OFFSET, ByteBuffer.wrap(b));
        if (Le.u16(b, 0x38) != ExtSuperBlockInfo.MAGIC) {
            return Optional.empty();
        }
        int compat = Le.s32(b, 0x5C);
        int incompat = Le.s32(b, 0x60);
        int roCompat = Le.s32(b, 0x64);
        if ((incompat & ExtFeatures.INCOMPAT_JOURNAL_DEV) != 0) {
            return Optional.empty();
        }
        boolean journal = (compat & ExtFeatures.COMPAT_HAS_JOURNAL) != 0;
        boolean ext3Ro = (roCompat & ~ExtFeatures.EXT3_RO_COMPAT) == 0;
        if (!journal && (incompat & ~ExtFeatures.EXT2_INCOMPAT) == 0 && ext3Ro) {
            return Optional.of(ExtFileSystemType.EXT2);
        }
        if (journal && (incompat & ~ExtFeatures.EXT3_INCOMPAT) == 0 && ext3Ro) {
            return Optional.of(ExtFileSystemType.EXT3);
        }
        return Optional.of(ExtFileSystemType.EXT4);
    }
}
