package org.vfscope.app.cli.image;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.Callable;

import org.vfscope.sys.Process;
import org.vfscope.vfs.Stat;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vfscope stat IMAGE PATH [--json]}: one inode, as stat(1) shows it (a symlink itself, not its target). */
@Command(name = "stat",
        description = {
            "Show one file of an image: type, size, inode, links, mode, owner, times, inode flags and "
                + "extended attributes. A symlink is shown itself, not what it points to.",
            "",
            "--json prints one object: the fields of an ls --json entry (path, name, type, mode, size, "
                + "ino, nlink, uid, gid, mtime, target) plus atime, ctime (seconds since the epoch), blocks "
                + "(512-byte units), flags (the inode flags as a number, null when the filesystem has none) "
                + "and xattrs (name to value; values that are not text are \"base64:...\").",
        },
        footer = ImageCommands.EXIT_STATUS)
final class StatCommand implements Callable<Integer> {
    /** stat(1)'s time format, in UTC. */
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS xx").withZone(ZoneOffset.UTC);

    @Mixin
    private ImageArgument imageArgument;

    @Option(names = "--json", description = "Print a JSON object.")
    private boolean json;

    @Parameters(index = "1", paramLabel = "PATH", description = "The file in the image.")
    private String path;

    @Override
    public Integer call() {
        String target = ImagePaths.absolute(path);
        PrintWriter out = imageArgument.commandLine().getOut();
        try (ImageSession session = imageArgument.open(ImageSession.Access.READ)) {
            Process p = session.process();
            Stat st;
            Map<String, Object> fields;
            try {
                st = p.lstat(target);
                fields = Entries.stat(p, session.superBlock(), target, st);
            } catch (RuntimeException e) {
                throw Failures.cannot("stat", target, e);
            }
            if (json) {
                Json.print(out, fields);
            } else {
                text(out, target, st, fields);
            }
        }
        return 0;
    }

    @SuppressWarnings("unchecked")
    private static void text(PrintWriter out, String path, Stat st, Map<String, Object> fields) {
        Object linkTarget = fields.get("target");
        out.println("  File: " + path + (linkTarget != null ? " -> " + linkTarget : ""));
        out.printf("  Size: %-15d Blocks: %-10d IO Block: %-6d %s%n", st.size(), st.blocks(), st.blksize(),
                FileTypes.longName(st.mode()));
        String device = FileTypes.isDevice(st.mode())
                ? "  Device type: " + FileTypes.major(st.rdev()) + "," + FileTypes.minor(st.rdev()) : "";
        out.printf(" Inode: %-15d Links: %d%s%n", st.ino(), st.nlink(), device);
        out.printf("Access: (%04o/%s)  Uid: %d  Gid: %d%n", st.permissions(), FileTypes.modeString(st.mode()),
                st.uid(), st.gid());
        out.println("Access: " + time(st.atime()));
        out.println("Modify: " + time(st.mtime()));
        out.println("Change: " + time(st.ctime()));
        Object flags = fields.get("flags");
        if (flags != null) {
            int f = (Integer) flags;
            out.printf(" Flags: 0x%08x %s%n", f, f == 0 ? "" : "(" + String.join(" ", InodeFlags.names(f)) + ")");
        }
        Map<String, String> xattrs = (Map<String, String>) fields.get("xattrs");
        for (Map.Entry<String, String> x : xattrs.entrySet()) {
            out.println(" Xattr: " + x.getKey() + "=\"" + x.getValue() + "\"");
        }
        out.flush();
    }

    private static String time(Instant t) {
        return TIME.format(t);
    }
}
