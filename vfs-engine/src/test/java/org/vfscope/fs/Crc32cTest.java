package org.vfscope.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Crc32cTest {
    @Test
    void standardCheckValueOfCrc32c() {
        // CRC-32C("123456789") = 0xE3069283 with the standard pre and post inversion.
        byte[] digits = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0xE3069283, ~Crc32c.crc32cTable(~0, digits, 0, digits.length));
        byte[] longer = "123456789".repeat(10).getBytes(StandardCharsets.US_ASCII);
        assertEquals(Crc32c.crc32cTable(~0, longer, 0, longer.length), Crc32c.crc32c(~0, longer, 0, longer.length));
    }

    @Test
    void theHardwarePathEqualsTheTableForAnySeedLengthAndOffset() {
        Random r = new Random(7);
        for (int n = 0; n < 2000; n++) {
            byte[] data = new byte[r.nextInt(5000) + 1];
            r.nextBytes(data);
            int off = r.nextInt(data.length);
            int len = r.nextInt(data.length - off + 1);
            int seed = n % 5 == 0 ? 0 : n % 5 == 1 ? ~0 : r.nextInt();
            assertEquals(Crc32c.crc32cTable(seed, data, off, len), Crc32c.crc32c(seed, data, off, len),
                    "seed " + seed + " off " + off + " len " + len);
        }
    }
}
