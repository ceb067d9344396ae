package org.vfscope.fs.ext;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metadata_csum side of the htree writer at block level, judged against blocks e2fsprogs
 * wrote (mke2fs -t ext4 -d, then e2fsck -fD): our dx limits leave room for the dx_tail, our
 * dx and leaf checksums equal e2fsck's, and a leaf split keeps every entry, orders the halves
 * by hash around the new index hash and leaves room for both halves' checksum tails.
 */
class HtreeChecksumTest {
    private static final int BS = 1024;

    private static List<Long> blocks(Path img, String path) {
        List<Long> out = new ArrayList<>();
        Matcher m = Pattern.compile("(\\d+)").matcher(ExtTools.debugfs(img, "blocks " + path));
        while (m.find()) {
            out.add(Long.parseLong(m.group(1)));
        }
        return out;
    }

    private static byte[] block(Path img, long nr) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "r")) {
            byte[] b = new byte[BS];
            f.seek(nr * BS);
            f.readFully(b);
            return b;
        }
    }

    @Test
    void dxAndLeafChecksumsMatchWhatE2fsckWrote(@TempDir Path tmp) throws IOException {
        Path big = Files.createDirectories(tmp.resolve("src/big"));
        for (int i = 0; i < 3000; i++) {
            Files.createFile(big.resolve(ExtHtreeWriteTest.name(i)));
        }
        Path img = ExtTools.mkfs(tmp.resolve("img"), "ext4", "32M", tmp.resolve("src"), "-b", "1024");
        ExtTools.reindex(img);
        assertThat(ExtTools.debugfs(img, "htree /big")).contains("Indirect levels: 1");
        ExtTools.Mounted m = ExtTools.mount(img, "ext4");
        m.p().lstat("/mnt/big");
        ExtInode dir = (ExtInode) m.kernel().dcache().lookup(m.sb().root(), "big").inode();
        ExtChecksums csum = m.ext().fs().csum();
        assertThat(csum.metadataCsum()).isTrue();
        int seed = csum.inodeSeed(dir.ino(), dir.generation());
        List<Long> phys = blocks(img, "/big");
        long[] hashSeed = m.ext().fs().info().hashSeed();
        int version = Le.u8(block(img, phys.get(0)), DxNode.ROOT_INFO + 4);
        ToIntFunction<byte[]> hash = n -> DirHash.hash(version, n, hashSeed);

        byte[] root = block(img, phys.get(0));
        assertThat(DxNode.limit(root, DxNode.ROOT_ENTRIES)).isEqualTo(DxNode.rootLimit(BS, true));
        assertResealed(csum, seed, root, DxNode.ROOT_ENTRIES);
        int nodes = 0;
        int leaves = 0;
        for (int i = 1; i < phys.size(); i++) {
            byte[] b = block(img, phys.get(i));
            if (ExtDirBlock.isDxNode(b)) {
                assertThat(DxNode.limit(b, DxNode.NODE_ENTRIES)).isEqualTo(DxNode.nodeLimit(BS, true));
                assertResealed(csum, seed, b, DxNode.NODE_ENTRIES);
                nodes++;
            } else {
                assertThat(ExtDirBlock.hasTail(b)).isTrue();
                byte[] copy = b.clone();
                Le.put32(copy, BS - 4, 0);
                assertThat(csum.dirBlock(seed, copy)).isEqualTo(ExtDirBlock.tailChecksum(b));
                if (leaves++ < 20) {
                    assertSplitKeepsEverything(b, hash, new ExtDirTail(m.ext().fs()), dir, csum, seed);
                }
            }
        }
        assertThat(nodes).isPositive();
        assertThat(leaves).isGreaterThan(100);
    }

    private static void assertResealed(ExtChecksums csum, int seed, byte[] node, int entries) {
        byte[] copy = node.clone();
        int tail = entries + 8 * DxNode.limit(node, entries);
        assertThat(tail + DxNode.TAIL_SIZE).as("dx_tail at the end of the block").isEqualTo(BS);
        Le.put32(copy, tail + 4, 0);
        DxNode.setChecksum(csum, seed, copy, entries);
        assertThat(copy).isEqualTo(node);
    }


    private static List<String> live(byte[] b) {
        List<String> out = new ArrayList<>();
        for (ExtDirEntry e : ExtDirBlock.parse(b, 0, b.length, true, Long.MAX_VALUE).entries()) {
            if (e.ino() != 0 && e.name().length > 0) {
                out.add(new String(e.name(), StandardCharsets.UTF_8) + "@" + e.ino() + "/" + e.fileType());
            }
        }
        return out;
    }

    private static void assertSplitKeepsEverything(byte[] leaf, ToIntFunction<byte[]> hash, ExtDirTail tail,
            ExtInode dir, ExtChecksums csum, int seed) {
        DxLeaf.Split s = DxLeaf.split(leaf, tail.entriesEnd(leaf), tail.space(), hash);
        assertThat(s).isNotNull();
        for (byte[] half : List.of(s.low(), s.high())) {
            tail.seal(dir, half);
            assertThat(ExtDirBlock.hasTail(half)).as("the sealed half has a tail").isTrue();
            byte[] copy = half.clone();
            Le.put32(copy, BS - 4, 0);
            assertThat(csum.dirBlock(seed, copy)).isEqualTo(ExtDirBlock.tailChecksum(half));
        }
        assertThat(ExtDirBlock.parse(s.low(), 0, BS, true, Long.MAX_VALUE).error()).isNull();
        assertThat(ExtDirBlock.parse(s.high(), 0, BS, true, Long.MAX_VALUE).error()).isNull();
        List<String> both = new ArrayList<>(live(s.low()));
        both.addAll(live(s.high()));
        assertThat(both).containsExactlyInAnyOrderElementsOf(live(leaf));
        assertThat(live(s.low())).isNotEmpty();
        assertThat(live(s.high())).isNotEmpty();
        for (ExtDirEntry e : ExtDirBlock.parse(s.low(), 0, BS - 12, true, Long.MAX_VALUE).entries()) {
            int h = hash.applyAsInt(e.name());
            assertThat(Integer.compareUnsigned(h, s.hash2()) < 0 || (s.continued() && h == s.hash2())).isTrue();
        }
        for (ExtDirEntry e : ExtDirBlock.parse(s.high(), 0, BS - 12, true, Long.MAX_VALUE).entries()) {
            assertThat(Integer.compareUnsigned(hash.applyAsInt(e.name()), s.hash2())).isGreaterThanOrEqualTo(0);
        }
    }

}
