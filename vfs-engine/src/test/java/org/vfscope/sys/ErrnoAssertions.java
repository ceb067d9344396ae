package org.vfscope.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.VfsException;

/** The one assertion every syscall specification needs: this call fails with that errno. */
public final class ErrnoAssertions {
    private ErrnoAssertions() {
    }

    public static void assertErrno(Errno expected, ThrowingCallable call) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(VfsException.class, e -> assertThat(e.errno()).isEqualTo(expected));
    }
}
