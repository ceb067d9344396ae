package org.vfscope.app.cli.image;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.vfscope.app.cli.Cli;
import org.vfscope.app.cli.CommandFailure;
import org.vfscope.app.image.Disk;
import org.vfscope.app.image.ImageOpener;
import org.vfscope.app.image.JournalNote;
import org.vfscope.app.image.Machine;
import org.vfscope.app.image.PartitionChoiceException;
import org.vfscope.app.image.UnreadableImageException;
import org.vfscope.app.image.Volume;
import org.vfscope.block.BlockDevices;
import org.vfscope.block.partition.Partition;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vfscope info IMAGE [--json]}: the partition table, and each filesystem's type and superblock. */
@Command(name = "info",
        description = {
            "Show an image's partitions and, for each filesystem (or only the one of --partition), its "
                + "type and a superblock summary.",
            "",
            "--json prints one object: image, size, partition_table (\"gpt\", \"dos\" or null), "
                + "table_problems, partitions (number, start, size, type, type_id, name, bootable, "
                + "filesystem) and filesystems (partition, type, size, superblock).",
        },
        footer = ImageCommands.EXIT_STATUS)
final class InfoCommand implements Callable<Integer> {

    @Mixin
    private ImageArgument imageArgument;

    @Option(names = "--json", description = "Print a JSON object.")
    private boolean json;

    @Override
    public Integer call() {
        ImageOpener opener = new ImageOpener();
        List<String> failures = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<String, Object> info;
        try (Disk disk = opener.openDisk(imageArgument.image(), BlockDevices.OpenMode.READ_ONLY)) {
            List<Volume> shown = imageArgument.partition().isPresent()
                    ? List.of(disk.choose(imageArgument.partition()))
                    : disk.filesystems();
            if (shown.isEmpty()) {
                disk.choose(imageArgument.partition()); // throws: no recognised filesystem
            }
            List<Map<String, Object>> filesystems = new ArrayList<>();
            for (Volume v : shown) {
                filesystems.add(filesystem(opener, disk, v, failures, notes));
            }
            if (failures.size() == shown.size()) {
                throw new CommandFailure(Cli.EXIT_UNREADABLE_IMAGE, failures.get(0), null);
            }
            info = layout(disk, filesystems);
        } catch (UnreadableImageException e) {
            throw new CommandFailure(Cli.EXIT_UNREADABLE_IMAGE, e.getMessage(), e);
        } catch (PartitionChoiceException e) {
            throw new CommandFailure(Cli.EXIT_ERROR, e.getMessage(), e);
        }
        PrintWriter err = imageArgument.commandLine().getErr();
        notes.forEach(n -> err.println("vfscope: " + n));
        err.flush();
        PrintWriter out = imageArgument.commandLine().getOut();
        if (json) {
            Json.print(out, info);
        } else {
            InfoText.print(out, info);
        }
        if (!failures.isEmpty()) {
            throw new CommandFailure(Cli.EXIT_FAILED, String.join("; ", failures), null);
        }
        return 0;
    }

    private static Map<String, Object> layout(Disk disk, List<Map<String, Object>> filesystems) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("image", disk.name());
        m.put("size", disk.size());
        m.put("partition_table", disk.table().map(t -> t.scheme()).orElse(null));
        m.put("table_problems", disk.table().map(t -> t.problems()).orElse(List.of()));
        List<Map<String, Object>> partitions = new ArrayList<>();
        for (Volume v : disk.volumes()) {
            v.partition().ifPresent(p -> partitions.add(partition(p, v)));
        }
        m.put("partitions", partitions);
        m.put("filesystems", filesystems);
        return m;
    }

    private static Map<String, Object> partition(Partition p, Volume v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("number", p.number());
        m.put("start", p.start());
        m.put("size", p.length());
        m.put("type", p.type());
        m.put("type_id", p.typeId());
        m.put("name", p.name());
        m.put("bootable", p.bootable());
        m.put("filesystem", v.type().orElse(null));
        return m;
    }

    /**
     * A journal that needed recovery: what the superblock summary was read after (the replay,
     * in memory) or why it was read without one.
     */
    private static Map<String, Object> journalReplay(JournalNote note) {
        Map<String, Object> m = new LinkedHashMap<>();
        note.replayed().ifPresent(r -> {
            m.put("replayed", true);
            m.put("transactions", r.transactions());
            m.put("blocks", r.blocksReplayed());
            m.put("revoked", r.revokeHits());
            m.put("problems", r.problems());
        });
        note.failure().ifPresent(f -> {
            m.put("replayed", false);
            m.put("error", f);
        });
        return m;
    }

    /** Mounts {@code v} read-only for its superblock; a failure is kept in "error" and in {@code failures}. */
    private static Map<String, Object> filesystem(ImageOpener opener, Disk disk, Volume v, List<String> failures,
                                                  List<String> notes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("partition", v.partition().map(Partition::number).orElse(null));
        m.put("type", v.type().orElseThrow());
        m.put("size", v.device().size());
        try (Machine machine = opener.mountReadOnly(disk, v)) {
            machine.journal().ifPresent(note -> {
                m.put("journal_replay", journalReplay(note));
                notes.add(note.message());
            });
            m.put("superblock", SuperblockSummary.of(machine.rootSuperBlock(), machine.process()));
        } catch (UnreadableImageException e) {
            failures.add(e.getMessage());
            m.put("error", e.getMessage());
        }
        return m;
    }
}
