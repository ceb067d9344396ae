package org.vfscope.app.workbench.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The claim of one VFScope to write an image: an OS lock ({@code FileChannel.tryLock}) on a lock
 * file named after the image's real path, in the config directory's {@code locks/}. A separate
 * file because closing any channel on the image itself (as a commit does) would drop a POSIX lock.
 */
public final class ImageLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;
    private final Path file;

    private ImageLock(FileChannel channel, FileLock lock, Path file) {
        this.channel = channel;
        this.lock = lock;
        this.file = file;
    }

    public static ImageLock acquire(Path image, Path lockDir) throws ImageLockedException, IOException {
        Path real = image.toRealPath();
        Files.createDirectories(lockDir);
        Path file = lockDir.resolve(sha256(real.toString()) + ".lock");
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            ch.close();
            throw new ImageLockedException(real.getFileName() + " is being edited in another VFScope window; "
                    + "finish or discard the edits there first");
        }
        ch.truncate(0);
        ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + " " + real + "\n").getBytes(StandardCharsets.UTF_8)));
        return new ImageLock(ch, lock, file);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
            Files.deleteIfExists(file);
        }
    }
}
