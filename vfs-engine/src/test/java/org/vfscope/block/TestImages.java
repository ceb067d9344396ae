package org.vfscope.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Random;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.KernelClock;
import org.vfscope.vfs.VfsException;

/** Image files with known contents, and the small helpers every block test needs. */
final class TestImages {
    private TestImages() {
    }

    /** Bytes that differ from block to block and from zero, the same for the same seed. */
    static byte[] pattern(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static Path image(Path dir, String name, byte[] contents) {
        try {
            return Files.write(dir.resolve(name), contents);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] contents(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(contents(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] read(BlockDevice dev, long offset, int length) {
        ByteBuffer buf = ByteBuffer.allocate(length);
        dev.read(offset, buf);
        assertThat(buf.hasRemaining()).as("read fills the buffer").isFalse();
        return buf.array();
    }

    static void write(BlockDevice dev, long offset, byte[] bytes) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        dev.write(offset, buf);
        assertThat(buf.hasRemaining()).as("write consumes the buffer").isFalse();
    }

    /** {@code into} with {@code bytes} copied over it at {@code offset}. */
    static byte[] overwrite(byte[] into, int offset, byte[] bytes) {
        byte[] result = into.clone();
        System.arraycopy(bytes, 0, result, offset, bytes.length);
        return result;
    }

    static KernelClock.Manual manualClock() {
        return new KernelClock.Manual(Instant.parse("2024-01-01T00:00:00Z"));
    }

    static VfsException assertErrno(Errno expected, ThrowingCallable call) {
        Throwable[] thrown = new Throwable[1];
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(VfsException.class, e -> {
                    assertThat(e.errno()).isEqualTo(expected);
                    thrown[0] = e;
                });
        return (VfsException) thrown[0];
    }
}
