package org.vfscope.vfs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registered filesystem types (fs/filesystems.c): {@code register_filesystem},
 * {@code unregister_filesystem}, {@code get_fs_type}.
 */
public final class FileSystemRegistry {
    private final Map<String, FileSystemType> types = new LinkedHashMap<>();

    /** register_filesystem: EBUSY if a type of that name is already registered. */
    public synchronized void register(FileSystemType type) {
        if (types.containsKey(type.name())) {
            throw new VfsException(Errno.EBUSY, type.name(), "filesystem type already registered");
        }
        types.put(type.name(), type);
    }

    /** unregister_filesystem: EINVAL if it was not registered. */
    public synchronized void unregister(String name) {
        if (types.remove(name) == null) {
            throw new VfsException(Errno.EINVAL, name, "filesystem type not registered");
        }
    }

    /** get_fs_type: ENODEV if unknown, as mount(2) returns. */
    public synchronized FileSystemType lookup(String name) {
        FileSystemType t = types.get(name);
        if (t == null) {
            throw new VfsException(Errno.ENODEV, name, "unknown filesystem type");
        }
        return t;
    }

    /** /proc/filesystems. */
    public synchronized List<String> names() {
        return new ArrayList<>(types.keySet());
    }
}
