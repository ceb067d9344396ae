package org.vfscope.fs.ext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Images whose journal needs recovery, made with e2fsprogs alone: {@code mke2fs -d} builds
 * BASE; a copy is changed with {@code debugfs -w} into AFTER; the blocks that differ are then
 * logged into BASE's journal as one committed transaction with debugfs' {@code jo/jw/jc}
 * (csum v3 with {@code jo -c}), never checkpointed. Replaying JOURNALED must give AFTER, outside
 * the journal itself.
 */
record JournalImages(Path base, Path after, Path journaled, int blockSize, List<Long> loggedBlocks) {

    /** type "ext3" (journal without checksums) or "ext4" (64bit, metadata_csum, journal csum v3). */
    static JournalImages make(Path dir, String type) {
        return make(dir, type, 1024);
    }

    /** As {@link #make(Path, String)} with {@code bs}-byte blocks. */
    static JournalImages make(Path dir, String type, int bs) {
        try {
            Path tree = Files.createDirectories(dir.resolve("tree"));
            Files.writeString(tree.resolve("old.txt"), "before the crash\n");
            Files.writeString(tree.resolve("gone.txt"), "deleted in the journal\n");
            Path base = ExtTools.mkfs(dir.resolve("base.img"), type, bs == 1024 ? "8M" : "32M", tree, "-b",
                    Integer.toString(bs), "-E",
                    "hash_seed=11111111-2222-3333-4444-555555555555", "-U", "01234567-89ab-cdef-0123-456789abcdef");
            Path after = Files.copy(base, dir.resolve("after.img"));
            Path payload = dir.resolve("payload.txt");
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 3000; i++) {
                text.append("journaled line ").append(i).append('\n');
            }
            Files.writeString(payload, text);
            ExtTools.debugfsWrite(after, "write " + payload + " new.txt");
            ExtTools.debugfsWrite(after, "mkdir newdir");
            ExtTools.debugfsWrite(after, "rm gone.txt");
            List<Long> changed = diffBlocks(base, after, bs);
            Path blocks = dir.resolve("blocks.bin");
            byte[] a = Files.readAllBytes(after);
            try (var out = Files.newOutputStream(blocks)) {
                for (long b : changed) {
                    out.write(a, (int) (b * bs), bs);
                }
            }
            Path journaled = Files.copy(base, dir.resolve("journaled.img"));
            Path script = dir.resolve("jw.cmd");
            String list = changed.stream().map(String::valueOf).collect(Collectors.joining(","));
            Files.writeString(script, (type.equals("ext4") ? "jo -c\n" : "jo\n") + "jw -b " + list + " " + blocks
                    + "\njc\n");
            ExtTools.run("debugfs", "-w", "-f", script.toString(), journaled.toString());
            return new JournalImages(base, after, journaled, bs, changed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Long> diffBlocks(Path x, Path y, int bs) throws IOException {
        byte[] a = Files.readAllBytes(x);
        byte[] b = Files.readAllBytes(y);
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < a.length / bs; i++) {
            if (java.util.Arrays.mismatch(a, i * bs, (i + 1) * bs, b, i * bs, (i + 1) * bs) >= 0) {
                out.add((long) i);
            }
        }
        return out;
    }

    /** The device block of journal block {@code n}, as debugfs maps it. */
    long journalBlock(long n) {
        return Long.parseLong(ExtTools.debugfs(journaled, "bmap <8> " + n).trim());
    }

    /** The journal's data blocks in journal order, from debugfs' stat (indirect blocks left out). */
    List<Long> journalBlocks() {
        List<Long> out = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\((\\d+)(?:-(\\d+))?\\):(\\d+)")
                .matcher(ExtTools.debugfs(journaled, "stat <8>"));
        while (m.find()) {
            long from = Long.parseLong(m.group(1));
            long to = m.group(2) == null ? from : Long.parseLong(m.group(2));
            long phys = Long.parseLong(m.group(3));
            for (long i = from; i <= to; i++) {
                out.add(phys + (i - from));
            }
        }
        return out;
    }

    /** The journal block debugfs' logdump finds the first commit block at. */
    long commitBlock() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\(commit block\\) at block (\\d+)")
                .matcher(ExtTools.debugfs(journaled, "logdump"));
        if (!m.find()) {
            throw new AssertionError("no commit block in the journal");
        }
        return Long.parseLong(m.group(1));
    }
}
