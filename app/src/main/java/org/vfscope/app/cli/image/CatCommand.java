package org.vfscope.app.cli.image;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;

import org.vfscope.sys.Process;
import org.vfscope.vfs.OpenFlags;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code vfscope cat IMAGE PATH}: a file's bytes, as they are, to stdout. */
@Command(name = "cat",
        description = "Write the bytes of a file in an image to standard output (symlinks are followed).",
        footer = ImageCommands.EXIT_STATUS)
final class CatCommand implements Callable<Integer> {
    /** Bytes per read(2): large enough that readahead, not the call count, sets the pace. */
    static final int CHUNK = 128 * 1024;

    private final OutputStream stdout;

    @Mixin
    private ImageArgument imageArgument;

    @Parameters(index = "1", paramLabel = "PATH", description = "The file in the image.")
    private String path;

    CatCommand(OutputStream stdout) {
        this.stdout = stdout;
    }

    @Override
    public Integer call() {
        String file = ImagePaths.absolute(path);
        try (ImageSession session = imageArgument.open(ImageSession.Access.READ)) {
            Process p = session.process();
            int fd;
            try {
                fd = p.open(file, OpenFlags.O_RDONLY);
            } catch (RuntimeException e) {
                throw Failures.cannot("open", file, e);
            }
            try {
                copy(p, fd, file);
            } finally {
                p.close(fd);
            }
        }
        return 0;
    }

    private void copy(Process p, int fd, String file) {
        byte[] buf = new byte[CHUNK];
        try {
            while (true) {
                int n;
                try {
                    n = p.read(fd, buf, 0, buf.length);
                } catch (RuntimeException e) {
                    throw Failures.cannot("read", file, e);
                }
                if (n <= 0) {
                    break;
                }
                stdout.write(buf, 0, n);
                if (stdout instanceof PrintStream ps && ps.checkError()) {
                    return; // the reader went away (head, a closed pipe): stop reading, as SIGPIPE would stop cat
                }
            }
            stdout.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to standard output: " + e.getMessage(), e);
        }
    }
}
