package org.vfscope.app.cli;

import java.nio.ByteBuffer;
import java.util.BitSet;
import java.util.Random;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vfscope.mm.BufferCache;
import org.vfscope.mm.BufferHead;
import org.vfscope.sys.Process;
import org.vfscope.vfs.Kernel;
import org.vfscope.vfs.OpenFlags;
import org.vfscope.vfs.VfsException;
import org.vfscope.visualizer.Playback;
import org.vfscope.visualizer.block.BlockKind;

/**
 * The script {@code vfscope viz-demo} plays in a loop on a background thread, with pauses a
 * speaker can talk over: a cold read (readahead windows grow, the inactive list fills), a second
 * read (pages activate), lookups of names that exist and of names that do not (negative
 * dentries), writes (dirty pages, b_dirty, the flusher), metadata I/O on a small block device,
 * sync, and drop_caches. It waits while the playback is paused and runs faster or slower with
 * its speed.
 */
final class VizDemoScenario implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(VizDemoScenario.class);
    /** The first blocks of the demo device stand for superblock, bitmaps and inode table. */
    static final int METADATA_BLOCKS = 96;

    private final Kernel kernel;
    private final Process proc;
    private final BufferCache device;
    private final Playback playback;
    private final Consumer<String> narrator;
    private final BitSet dataBlocks = new BitSet();
    private final Random random = new Random(42);
    private volatile boolean stopped;

    VizDemoScenario(Kernel kernel, BufferCache device, Playback playback, Consumer<String> narrator) {
        this.kernel = kernel;
        this.proc = Process.init(kernel);
        this.device = device;
        this.playback = playback;
        this.narrator = narrator;
    }

    /** What the demo device's block holds; called by the block view on the feed thread. */
    BlockKind kindOf(long block) {
        if (block < METADATA_BLOCKS) {
            return BlockKind.METADATA;
        }
        synchronized (dataBlocks) {
            return dataBlocks.get((int) block) ? BlockKind.DATA : BlockKind.FREE;
        }
    }

    void stop() {
        stopped = true;
    }

    @Override
    public void run() {
        try {
            setUp();
            for (int round = 1; !stopped; round++) {
                playRound(round);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("the demo scenario stopped", e);
            narrator.accept("the demo scenario stopped: " + e.getMessage());
        }
    }

    private void setUp() throws InterruptedException {
        say("creating a small tree on ramfs");
        for (String d : new String[] {"/etc", "/usr", "/usr/lib", "/usr/share", "/data", "/logs", "/home",
            "/home/ada"}) {
            proc.mkdir(d, 0755);
        }
        for (String f : new String[] {"passwd", "group", "hosts", "hostname", "motd", "fstab", "resolv.conf"}) {
            writeFile("/etc/" + f, 2048, 0);
        }
        for (int i = 0; i < 12; i++) {
            writeFile("/usr/lib/libdemo" + i + ".so", 16 * 1024, 0);
        }
        writeFile("/data/movie.bin", 1536 * 1024, 0);
        writeFile("/data/archive.tar", 768 * 1024, 0);
        writeFile("/home/ada/notes.txt", 12 * 1024, 0);
        kernel.sync();
        kernel.dropCaches(1);
        pause(1500);
    }

    private void playRound(int round) throws InterruptedException {
        say("round " + round + ": cold read of /data/movie.bin — readahead windows grow, the inactive list fills");
        readFile("/data/movie.bin", 16 * 1024, 25);
        pause(3000);
        say("second read of /data/movie.bin — referenced pages move to the active list");
        readFile("/data/movie.bin", 64 * 1024, 15);
        pause(3000);
        say("looking up names: hits, and misses that leave negative dentries");
        for (int i = 0; i < 6; i++) {
            stat("/etc/hosts");
            stat("/etc/no-such-file-" + i % 2); // the second time, a negative hit
            stat("/usr/lib/libdemo" + i + ".so");
            stat("/home/ada/.cache");
            pause(250);
        }
        say("metadata I/O on the block device (buffer cache)");
        blockIo(40);
        pause(2000);
        say("writing /logs/app.log and rewriting /data/archive.tar — dirty pages, b_dirty");
        for (int i = 0; i < 24; i++) {
            writeFile("/logs/app.log", 16 * 1024, -1);
            if (i % 3 == 0) {
                writeFile("/data/archive.tar", 32 * 1024, (long) random.nextInt(20) * 32 * 1024);
            }
            pause(200);
        }
        say("waiting for the flusher: kupdate writes inodes dirtied long enough ago");
        pause(9000);
        say("sync — every dirty page written");
        kernel.sync();
        device.sync();
        pause(3000);
        say("drop_caches 3 — clean pages, unused dentries and inodes go");
        kernel.dropCaches(3);
        pause(3500);
    }

    private void readFile(String path, int chunk, long pauseMs) throws InterruptedException {
        int fd = proc.open(path, OpenFlags.O_RDONLY);
        try {
            ByteBuffer buf = ByteBuffer.allocate(chunk);
            while (!stopped) {
                buf.clear();
                if (proc.read(fd, buf) <= 0) {
                    break;
                }
                pause(pauseMs);
            }
        } finally {
            proc.close(fd);
        }
    }

    /** Writes {@code length} bytes at {@code offset}, or appends when it is negative. */
    private void writeFile(String path, int length, long offset) throws InterruptedException {
        int flags = OpenFlags.O_CREAT | OpenFlags.O_WRONLY | (offset < 0 ? OpenFlags.O_APPEND : 0);
        int fd = proc.open(path, flags, 0644);
        try {
            if (offset > 0) {
                proc.lseek(fd, offset, org.vfscope.vfs.Seek.SEEK_SET);
            }
            byte[] data = new byte[length];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) (i * 31 + 7);
            }
            proc.write(fd, data);
        } finally {
            proc.close(fd);
        }
        waitWhilePaused();
    }

    private void stat(String path) {
        try {
            proc.stat(path);
        } catch (VfsException expected) {
            // a miss: the dcache keeps a negative dentry
        }
    }

    private void blockIo(int requests) throws InterruptedException {
        long blocks = device.blockCount();
        for (int i = 0; i < requests && !stopped; i++) {
            long block = i % 2 == 0 ? random.nextInt(METADATA_BLOCKS)
                    : METADATA_BLOCKS + random.nextInt((int) (blocks - METADATA_BLOCKS));
            BufferHead bh = device.bread(block);
            if (i % 3 == 0) {
                device.markDirty(bh);
                if (block >= METADATA_BLOCKS) {
                    synchronized (dataBlocks) {
                        dataBlocks.set((int) block);
                    }
                }
            }
            pause(80);
        }
    }

    private void say(String what) {
        LOG.info(what);
        narrator.accept(what);
    }

    private void pause(long ms) throws InterruptedException {
        waitWhilePaused();
        if (ms > 0) {
            Thread.sleep(Math.max(1, (long) (ms / playback.speed())));
        }
    }

    private void waitWhilePaused() throws InterruptedException {
        while (playback.isPaused() && !stopped) {
            Thread.sleep(50);
        }
    }
}
