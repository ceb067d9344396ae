package org.vfscope.block;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IoOriginTest {

    @Test
    void isUnknownOutsideAnyScope() {
        assertThat(IoOrigin.current()).isEqualTo(IoOrigin.UNKNOWN).isEqualTo(-1);
    }

    @Test
    void nestedScopesRestoreTheOuterInode() {
        AtomicLong inner = new AtomicLong();
        AtomicLong afterInner = new AtomicLong();
        IoOrigin.with(2, () -> {
            IoOrigin.with(7, () -> inner.set(IoOrigin.current()));
            afterInner.set(IoOrigin.current());
        });
        assertThat(inner).hasValue(7);
        assertThat(afterInner).hasValue(2);
        assertThat(IoOrigin.current()).isEqualTo(-1);
    }

    @Test
    void aSupplierScopeReturnsItsValue() {
        assertThat(IoOrigin.with(5, IoOrigin::current)).isEqualTo(5L);
    }

    @Test
    void theScopeEndsWhenItThrows() {
        try {
            IoOrigin.with(9, () -> {
                throw new IllegalStateException();
            });
        } catch (IllegalStateException expected) {
            // the scope must still have ended
        }
        assertThat(IoOrigin.current()).isEqualTo(-1);
    }

    @Test
    void isPerThread() throws InterruptedException {
        AtomicLong other = new AtomicLong();
        IoOrigin.with(3, () -> {
            Thread t = new Thread(() -> other.set(IoOrigin.current()));
            t.start();
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(other).hasValue(-1);
    }
}
