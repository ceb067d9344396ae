package org.vfscope.vfs.lock;

/** Raised by the {@link LockValidator} where lockdep would print "possible circular locking". */
public final class LockOrderViolation extends Error {
    private static final long serialVersionUID = 1L;

    public LockOrderViolation(String message) {
        super(message);
    }
}
