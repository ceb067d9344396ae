package org.vfscope.vfs;

import java.util.Set;

/**
 * A process's filesystem identity (the fsuid/fsgid/groups of {@code struct cred}). uid 0 holds
 * the capabilities that matter for files (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER,
 * CAP_CHOWN, CAP_FSETID, CAP_SYS_ADMIN, CAP_MKNOD), as root does by default on Linux.
 */
public record Credentials(int uid, int gid, Set<Integer> groups) {
    public static final Credentials ROOT = new Credentials(0, 0, Set.of());

    public Credentials {
        groups = Set.copyOf(groups);
    }

    public static Credentials of(int uid, int gid, Integer... groups) {
        return new Credentials(uid, gid, Set.of(groups));
    }

    public boolean isRoot() {
        return uid == 0;
    }

    /** in_group_p: the primary group or one of the supplementary groups. */
    public boolean inGroup(int g) {
        return gid == g || groups.contains(g);
    }
}
