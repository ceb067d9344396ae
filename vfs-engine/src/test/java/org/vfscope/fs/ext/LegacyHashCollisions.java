package org.vfscope.fs.ext;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Names whose legacy (dx_hack_hash) htree hash is equal, found by a meet-in-the-middle search
 * over the last three characters: for each prefix state and next character, the values the
 * state must reach for some last character to land on the target are put in a small table,
 * and the character before the last is tried against it. Every result is checked with
 * {@link DirHash}.
 */
final class LegacyHashCollisions {
    private static final int K = 7152373;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final java.util.Map<String, List<String>> CACHE = new java.util.HashMap<>();

    private LegacyHashCollisions() {
    }

    private static int step(int h0, int h1, int c) {
        int hash = h1 + (h0 ^ (c * K));
        if ((hash & 0x80000000) != 0) {
            hash -= 0x7fffffff;
        }
        return hash;
    }

    static int hashOf(String name) {
        return DirHash.hash(DirHash.LEGACY, name.getBytes(StandardCharsets.UTF_8), null);
    }

    /** {@code count} names {@code prefix} + 7 characters, all with the legacy hash of {@code prefix + "aaaaaaa"}. */
    static synchronized List<String> family(String prefix, int count) {
        List<String> known = CACHE.computeIfAbsent(prefix, p -> new ArrayList<>());
        if (known.size() < count) {
            search(prefix, known, count);
        }
        return List.copyOf(known.subList(0, count));
    }

    private static void search(String prefix, List<String> out, int count) {
        int target = hashOf(prefix + "aaaaaaa") >>> 1;
        int h0 = 0x12a3fe2d;
        int h1 = 0x37abe8f9;
        for (byte b : prefix.getBytes(StandardCharsets.UTF_8)) {
            int h = step(h0, h1, b);
            h1 = h0;
            h0 = h;
        }
        int n = ALPHABET.length();
        int[] keys = new int[512];
        int[] vals = new int[512];
        int[] stamp = new int[512];
        int gen = 0;
        for (long v = 0; out.size() < count; v++) {
            char[] vs = {ALPHABET.charAt((int) (v % n)), ALPHABET.charAt((int) (v / n % n)),
                ALPHABET.charAt((int) (v / n / n % n)), ALPHABET.charAt((int) (v / n / n / n % n))};
            int s0 = h0;
            int s1 = h1;
            for (char c : vs) {
                int h = step(s0, s1, c);
                s1 = s0;
                s0 = h;
            }
            for (int i0 = 0; i0 < n && out.size() < count; i0++) {
                int a = step(s0, s1, ALPHABET.charAt(i0)); // state (a, s0)
                gen++;
                // last step: final = a + (x ^ c2 K), folded; x is what the middle character must produce
                for (int i2 = 0; i2 < n; i2++) {
                    int c2k = ALPHABET.charAt(i2) * K;
                    put(keys, vals, stamp, gen, (target - a) ^ c2k, i2);
                    put(keys, vals, stamp, gen, (target + 0x7fffffff - a) ^ c2k, i2);
                }
                for (int i1 = 0; i1 < n && out.size() < count; i1++) {
                    int x = step(a, s0, ALPHABET.charAt(i1)); // state (x, a)
                    for (int slot = slot(x); stamp[slot] == gen; slot = (slot + 1) & 511) {
                        if (keys[slot] != x) {
                            continue;
                        }
                        String name = prefix + new String(vs) + ALPHABET.charAt(i0) + ALPHABET.charAt(i1)
                                + ALPHABET.charAt(vals[slot]);
                        if (hashOf(name) == target << 1 && !out.contains(name)) {
                            out.add(name);
                        }
                    }
                }
            }
        }
    }

    private static int slot(int key) {
        return (key * 0x9E3779B9) >>> 23;
    }

    private static void put(int[] keys, int[] vals, int[] stamp, int gen, int key, int val) {
        int slot = slot(key);
        while (stamp[slot] == gen) {
            slot = (slot + 1) & 511;
        }
        stamp[slot] = gen;
        keys[slot] = key;
        vals[slot] = val;
    }
}
