package org.vfscope.fs.ext;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hash and checksum primitives agree with their references (debugfs dx_hash, java.util.zip). */
class DirHashTest {
    private static final Pattern HASH = Pattern.compile("Hash of .* is 0x([0-9a-f]+)");
    private static final String SEED = "01234567-89ab-cdef-0123-456789abcdef";
    @TempDir
    static Path tmp;
    static Path img;

    @BeforeAll
    static void image() {
        img = ExtTools.mkfs(tmp.resolve("img"), "ext4", "4M", null);
    }

    @Test
    void rawCrc32cChainsLikeTheKernelAndMatchesJavaCrc32c() {
        byte[] data = "123456789 the quick brown fox".getBytes(StandardCharsets.US_ASCII);
        CRC32C ref = new CRC32C();
        ref.update(data);
        assertThat(~Crc.crc32c(~0, data) & 0xffffffffL).isEqualTo(ref.getValue());
        int chained = Crc.crc32c(Crc.crc32c(~0, data, 0, 10), data, 10, data.length - 10);
        assertThat(chained).isEqualTo(Crc.crc32c(~0, data));
    }

    @Test
    void crc16IsTheArcCrcOfLibCrc16() {
        // CRC-16/ARC check value for "123456789" with init 0 is 0xBB3D.
        assertThat(Crc.crc16(0, "123456789".getBytes(StandardCharsets.US_ASCII), 0, 9)).isEqualTo(0xBB3D);
    }

    @Test
    void everyHashVersionMatchesDebugfsWithAndWithoutSeed() {
        // debugfs knows the unsigned variants only by number (its names map them to legacy).
        String[] algs = {"legacy", "half_md4", "tea", "legacy_unsigned", "half_md4_unsigned", "tea_unsigned"};
        List<String> names = List.of("a", "hello", "grüße-日本語", "x".repeat(255), "entry-1234-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
                "\u00ff\u00fe\u00e9");
        long[] seed = seedWords(SEED);
        for (int v = 0; v < algs.length; v++) {
            for (String name : names) {
                byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
                assertThat(DirHash.hash(v, bytes, null)).as("%s(%s)", algs[v], name)
                        .isEqualTo(debugfsHash("dx_hash -h " + v + " " + name));
                assertThat(DirHash.hash(v, bytes, seed)).as("%s(%s) seeded", algs[v], name)
                        .isEqualTo(debugfsHash("dx_hash -h " + v + " -s " + SEED + " " + name));
            }
        }
    }

    private static int debugfsHash(String request) {
        Matcher m = HASH.matcher(ExtTools.debugfs(img, request));
        assertThat(m.find()).as(request).isTrue();
        return (int) Long.parseLong(m.group(1), 16) & ~1;
    }

    private static long[] seedWords(String uuid) {
        byte[] b = java.util.HexFormat.of().parseHex(uuid.replace("-", ""));
        return new long[] {Le.u32(b, 0), Le.u32(b, 4), Le.u32(b, 8), Le.u32(b, 12)};
    }
}
