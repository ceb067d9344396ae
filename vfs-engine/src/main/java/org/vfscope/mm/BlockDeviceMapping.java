package org.vfscope.mm;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.vfscope.block.BlockDevice;
import org.vfscope.vfs.AddressSpaceOperations;
import org.vfscope.vfs.Inode;
import org.vfscope.vfs.OpenFile;
import org.vfscope.vfs.SuperBlock;

/**
 * The block device inode ({@code bdev->bd_inode}) whose page cache caches the raw device: the
 * buffer cache's folios live here, so metadata is cached, counted, put on the LRU, dirtied and
 * written back like file data. Its {@code ->read_folio}/{@code ->writepage} move whole pages to
 * and from the device, clamped at the device's end.
 */
public final class BlockDeviceMapping extends Inode implements AddressSpaceOperations {
    private final BlockDevice device;
    private final FileRaState ra = new FileRaState();

    public BlockDeviceMapping(SuperBlock bdevSuper, long ino, BlockDevice device) {
        super(bdevSuper, ino);
        this.device = device;
        setMode(org.vfscope.vfs.FileMode.S_IFBLK | 0600);
        setSize(device.size());
        setNlink(1);
        mapping().setAops(this);
    }

    public BlockDevice device() {
        return device;
    }

    /**
     * A sequential read of the raw device through its page cache, with readahead, as reading
     * /dev/sdX does (blkdev_read_iter). Returns the bytes read; fewer at the device's end.
     */
    public synchronized int read(long pos, ByteBuffer dst) {
        return Filemap.read(mapping(), ra, null, pos, dst);
    }

    @Override
    public void readFolio(OpenFile file, Folio folio) {
        byte[] data = folio.data();
        int n = bytesOnDevice(folio);
        if (n < Folio.PAGE_SIZE) {
            Arrays.fill(data, Math.max(0, n), Folio.PAGE_SIZE, (byte) 0);
        }
        if (n > 0) {
            device.read(folio.position(), ByteBuffer.wrap(data, 0, n));
        }
    }

    @Override
    public void writepage(Folio folio, WritebackControl wbc) {
        int n = bytesOnDevice(folio);
        if (n > 0) {
            device.write(folio.position(), ByteBuffer.wrap(folio.data(), 0, n));
        }
    }

    /** Consecutive folios are consecutive bytes of the device: one request per run. */
    @Override
    public void readahead(OpenFile file, List<Folio> folios) {
        Bio bio = new Bio();
        for (Folio folio : folios) {
            int n = bytesOnDevice(folio);
            if (n < Folio.PAGE_SIZE) {
                Arrays.fill(folio.data(), Math.max(0, n), Folio.PAGE_SIZE, (byte) 0);
            }
            bio.add(folio.position(), folio.data(), 0, n);
        }
        bio.submitRead(device);
    }

    @Override
    public void writepages(List<Folio> folios, WritebackControl wbc) {
        Bio bio = new Bio();
        for (Folio folio : folios) {
            bio.add(folio.position(), folio.data(), 0, bytesOnDevice(folio));
        }
        bio.submitWrite(device);
    }

    private int bytesOnDevice(Folio folio) {
        return (int) Math.max(0, Math.min(Folio.PAGE_SIZE, device.size() - folio.position()));
    }

    @Override
    public String toString() {
        return "block device " + device.name();
    }
}
