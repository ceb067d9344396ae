package org.vfscope.vfs;

import org.vfscope.vfs.dcache.Dentry;

/** {@code struct dentry_operations}: how a filesystem overrides dcache behaviour. */
public interface DentryOperations {

    /** {@code ->d_revalidate()}: whether a cached dentry is still valid. May block (ref-walk). */
    default boolean revalidate(Dentry dentry, int flags) {
        return true;
    }

    /**
     * {@code ->d_delete()}: whether to kill the dentry on its last dput instead of caching it.
     * Called with d_lock held.
     */
    default boolean delete(Dentry dentry) {
        return false;
    }

    /** {@code ->d_release()}: the dentry is being freed. */
    default void release(Dentry dentry) {
    }
}
