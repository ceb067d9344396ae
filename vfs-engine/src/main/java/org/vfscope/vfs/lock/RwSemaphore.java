package org.vfscope.vfs.lock;

import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A {@code struct rw_semaphore}: taken shared or exclusive, reported to the {@link LockValidator}
 * with the lock class of the role it is taken in. Not recursive in spirit: the validator flags a
 * thread that takes it twice, as lockdep would.
 */
public final class RwSemaphore {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    public void lockShared(LockClass cls) {
        LockValidator.acquire(this, cls);
        lock.readLock().lock();
    }

    public void unlockShared() {
        LockValidator.release(this);
        lock.readLock().unlock();
    }

    public void lockExclusive(LockClass cls) {
        LockValidator.acquire(this, cls);
        lock.writeLock().lock();
    }

    public void unlockExclusive() {
        LockValidator.release(this);
        lock.writeLock().unlock();
    }

    public boolean isLockedExclusive() {
        return lock.isWriteLocked();
    }

    public boolean isHeldExclusiveByCurrentThread() {
        return lock.isWriteLockedByCurrentThread();
    }

    public boolean isHeldSharedByCurrentThread() {
        return lock.getReadHoldCount() > 0;
    }

    /** Number of shared holders, for snapshots. */
    public int sharedHolders() {
        return lock.getReadLockCount();
    }
}
