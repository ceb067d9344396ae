package org.vfscope.vfs;

/**
 * {@code current_cred()}: the credentials of the process making the call, for the few generic
 * helpers (file_remove_privs, inode_init_owner) that consult them deep inside an operation.
 * The syscall layer sets it for the duration of each call.
 */
public final class CurrentCredentials {
    private static final ThreadLocal<Credentials> CURRENT = ThreadLocal.withInitial(() -> Credentials.ROOT);

    private CurrentCredentials() {
    }

    public static Credentials get() {
        return CURRENT.get();
    }

    /** Runs with {@code cred} as the current credentials; returns the previous ones to restore. */
    public static Credentials set(Credentials cred) {
        Credentials old = CURRENT.get();
        CURRENT.set(cred);
        return old;
    }
}
