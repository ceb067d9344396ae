package org.vfscope.vfs.lock;

import java.util.concurrent.locks.ReentrantLock;

/** A {@code struct mutex} reported to the {@link LockValidator}. */
public final class Mutex {
    private final ReentrantLock lock = new ReentrantLock();
    private final LockClass cls;

    public Mutex(LockClass cls) {
        this.cls = cls;
    }

    public void lock() {
        LockValidator.acquire(this, cls);
        lock.lock();
    }

    public void unlock() {
        LockValidator.release(this);
        lock.unlock();
    }

    public boolean isHeldByCurrentThread() {
        return lock.isHeldByCurrentThread();
    }
}
