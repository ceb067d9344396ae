package org.vfscope.fs.ext;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.vfscope.mm.Folio;
import org.vfscope.mm.WritebackControl;
import org.vfscope.vfs.AddressSpaceOperations;
import org.vfscope.vfs.FileOperations;
import org.vfscope.vfs.GenericFile;
import org.vfscope.vfs.Iattr;
import org.vfscope.vfs.Inode;
import org.vfscope.vfs.InodeOperations;
import org.vfscope.vfs.Kiocb;
import org.vfscope.vfs.OpenFile;
import org.vfscope.vfs.dcache.Dentry;

/**
 * ext regular files: buffered reads through the page cache (GenericFile.read), whose
 * {@code ->read_folio} (ext4_read_folio / ext4_mpage_readpages) maps each block of the page
 * through the inode's block map and reads the physical blocks from the device, coalescing runs;
 * holes, unwritten extents and the part past EOF read as zeros. Inline-data files copy from the
 * inode. Writes are EROFS in this build.
 */
final class ExtFileOps implements FileOperations, AddressSpaceOperations, InodeOperations {
    private final ExtSuper sup;

    ExtFileOps(ExtSuper sup) {
        this.sup = sup;
    }

    // ---- file_operations -------------------------------------------------------------------

    @Override
    public int read(Kiocb iocb, ByteBuffer dst) {
        return GenericFile.read(iocb, dst);
    }

    @Override
    public int write(Kiocb iocb, ByteBuffer src) {
        throw ExtSuper.readOnly("inode " + iocb.file().inode().ino());
    }

    @Override
    public void fallocate(OpenFile file, int mode, long offset, long length) {
        throw ExtSuper.readOnly("inode " + file.inode().ino());
    }

    // ---- inode_operations ------------------------------------------------------------------

    @Override
    public void setattr(Dentry dentry, Iattr attr) {
        throw ExtSuper.readOnly(dentry.name());
    }

    // ---- address_space_operations ----------------------------------------------------------

    @Override
    public void readFolio(OpenFile file, Folio folio) {
        ExtInode inode = (ExtInode) folio.mapping().host();
        sup.guard(inode.ino(), () -> {
            fillFolio(inode, folio);
            return null;
        });
    }

    private void fillFolio(ExtInode inode, Folio folio) {
        byte[] data = folio.data();
        Arrays.fill(data, (byte) 0);
        long pos = folio.position();
        long size = inode.size();
        if (pos >= size) {
            return;
        }
        if (inode.hasInlineData()) {
            byte[] bytes = InlineData.file(sup.fs(), inode.raw());
            if (pos < bytes.length) {
                System.arraycopy(bytes, (int) pos, data, 0, (int) Math.min(Folio.PAGE_SIZE, bytes.length - pos));
            }
            return;
        }
        int bs = sup.info().blockSize();
        int perPage = Folio.PAGE_SIZE / bs;
        long first = pos / bs;
        BlockMap map = inode.blockMap();
        int i = 0;
        while (i < perPage && (first + i) * bs < size) {
            BlockMapping m = map.map(first + i);
            int n = (int) Math.min(m.count(), perPage - i);
            if (!m.readsAsZeros()) {
                sup.fs().cache().device().read(m.physical() * bs, ByteBuffer.wrap(data, i * bs, n * bs));
            }
            i += n;
        }
        if (pos + Folio.PAGE_SIZE > size) {
            Arrays.fill(data, (int) (size - pos), Folio.PAGE_SIZE, (byte) 0);
        }
    }

    @Override
    public void writeBegin(Inode host, long index) {
        throw ExtSuper.readOnly("inode " + host.ino());
    }

    @Override
    public void writepage(Folio folio, WritebackControl wbc) {
        throw ExtSuper.readOnly("inode " + folio.mapping().host().ino());
    }
}
