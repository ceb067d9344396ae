package org.vfscope.app.cli.image;

import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.vfscope.app.cli.CommandFailure;
import org.vfscope.sys.Process;
import org.vfscope.vfs.Stat;

/** The text output of {@code ls}: one name per line, or {@code ls -l}'s columns; {@code ls -R}'s "dir:" sections. */
final class LsText {
    /** Times in UTC, so that the listing of an image does not depend on where it is read. */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final Process p;
    private final PrintWriter out;
    private final Problems problems;
    private final boolean longFormat;
    private final boolean all;

    /** One line of output before the columns are aligned. */
    private record Row(String mode, String nlink, String uid, String gid, String size, String time, String name) {
    }

    LsText(Process p, PrintWriter out, Problems problems, boolean longFormat, boolean all) {
        this.p = p;
        this.out = out;
        this.problems = problems;
        this.longFormat = longFormat;
        this.all = all;
    }

    /** A file (or symlink) named on the command line: one line, named as given. */
    void single(String path, Stat st) {
        print(List.of(row(path, path, st)));
    }

    /** Directory {@code dir}; with {@code recursive}, then each subdirectory shown, in "dir:" sections. */
    void tree(String dir, boolean recursive) {
        List<String> subdirs = new ArrayList<>();
        List<String> names = LsCommand.names(p, dir);
        List<String> shown = new ArrayList<>();
        if (all) {
            shown.add(".");
            shown.add("..");
        }
        for (String name : names) {
            if (all || !name.startsWith(".")) {
                shown.add(name);
            }
        }
        if (recursive) {
            out.println(dir + ":");
        }
        List<Row> rows = new ArrayList<>();
        for (String name : shown) {
            String full = ImagePaths.child(dir, name);
            try {
                Stat st = LsCommand.lstat(p, full);
                rows.add(row(full, name, st));
                if (recursive && st.isDir() && !name.equals(".") && !name.equals("..")) {
                    subdirs.add(full);
                }
            } catch (CommandFailure f) {
                problems.report(f);
            }
        }
        print(rows);
        for (String sub : subdirs) {
            out.println();
            try {
                tree(sub, true);
            } catch (CommandFailure f) {
                problems.report(f);
            }
        }
        out.flush();
    }

    private Row row(String full, String name, Stat st) {
        if (!longFormat) {
            return new Row("", "", "", "", "", "", name);
        }
        String shownName = st.isSymlink() ? name + " -> " + LsCommand.readlink(p, full, st) : name;
        String size = FileTypes.isDevice(st.mode())
                ? FileTypes.major(st.rdev()) + ", " + FileTypes.minor(st.rdev())
                : Long.toString(st.size());
        return new Row(FileTypes.modeString(st.mode()), Integer.toString(st.nlink()), Integer.toString(st.uid()),
                Integer.toString(st.gid()), size, TIME.format(st.mtime()), shownName);
    }

    private void print(List<Row> rows) {
        if (!longFormat) {
            rows.forEach(r -> out.println(r.name()));
            out.flush();
            return;
        }
        int nlink = 0;
        int uid = 0;
        int gid = 0;
        int size = 0;
        for (Row r : rows) {
            nlink = Math.max(nlink, r.nlink().length());
            uid = Math.max(uid, r.uid().length());
            gid = Math.max(gid, r.gid().length());
            size = Math.max(size, r.size().length());
        }
        for (Row r : rows) {
            out.println(r.mode() + " " + pad(r.nlink(), nlink) + " " + padRight(r.uid(), uid) + " "
                    + padRight(r.gid(), gid) + " " + pad(r.size(), size) + " " + r.time() + " " + r.name());
        }
        out.flush();
    }

    private static String pad(String s, int width) {
        return " ".repeat(width - s.length()) + s;
    }

    private static String padRight(String s, int width) {
        return s + " ".repeat(width - s.length());
    }
}
