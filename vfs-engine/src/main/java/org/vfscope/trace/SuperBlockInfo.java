package org.vfscope.trace;

import java.util.Objects;

/** A live superblock: its device number, s_id, filesystem type and root dentry (-1 if none). */
public record SuperBlockInfo(long dev, String id, String type, long rootDentryId) {

    public SuperBlockInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
    }
}
