package org.vfscope.fs.ext;

import org.vfscope.vfs.Errno;
import org.vfscope.vfs.MountOptions;
import org.vfscope.vfs.VfsException;

/**
 * The ext mount options this reader takes: {@code norecovery}/{@code noload} (the journal is
 * never replayed here anyway; taken so fstab lines work), {@code errors=continue|remount-ro|
 * panic} (recorded; a read-only reader only ever continues), {@code user_xattr}/{@code
 * nouser_xattr} and {@code acl}/{@code noacl} (whether those xattr namespaces are served).
 * Anything else is EINVAL.
 *
 * @param errors the errors= value given, or null
 */
public record ExtMountOptions(boolean noRecovery, String errors, boolean userXattr, boolean acl) {
    /** s_errors values 1..3 by name. */
    static final String[] ERRORS = {null, "continue", "remount-ro", "panic"};

    static ExtMountOptions parse(MountOptions o) {
        boolean noRecovery = o.has("norecovery") | o.has("noload");
        String errors = o.value("errors");
        if (errors != null && !errors.equals("continue") && !errors.equals("remount-ro") && !errors.equals("panic")) {
            throw new VfsException(Errno.EINVAL, "mount option 'errors=" + errors + "'",
                    "expected continue, remount-ro or panic");
        }
        boolean userXattr = !o.has("nouser_xattr") || o.has("user_xattr");
        boolean acl = !o.has("noacl") || o.has("acl");
        return new ExtMountOptions(noRecovery, errors, userXattr, acl);
    }

    /** ext4_show_options: only what differs from the defaults the superblock implies. */
    void show(ExtSuperBlockInfo info, StringBuilder out) {
        if (!userXattr) {
            out.append(",nouser_xattr");
        }
        if (!acl) {
            out.append(",noacl");
        }
        if (noRecovery) {
            out.append(",norecovery");
        }
        int def = info.errors() >= 1 && info.errors() <= 3 ? info.errors() : 1;
        if (errors != null && !errors.equals(ERRORS[def])) {
            out.append(",errors=").append(errors);
        }
    }
}
