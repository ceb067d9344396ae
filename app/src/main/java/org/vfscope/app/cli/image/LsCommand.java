package org.vfscope.app.cli.image;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import org.vfscope.app.cli.CommandFailure;
import org.vfscope.sys.Process;
import org.vfscope.vfs.Stat;
import org.vfscope.vfs.VfsException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vfscope ls IMAGE [PATH] [-l] [-a] [-R] [--json]}: a directory of the image, as ls shows it. */
@Command(name = "ls",
        description = {
            "List a directory of an image (or show one file), sorted by name.",
            "",
            "--json prints an array of entries: path (from PATH, with a leading /), name, type (file, "
                + "dir, symlink, fifo, chardev, blockdev, socket), mode, size, ino, nlink, uid, gid, mtime "
                + "(seconds since the epoch) and, for symlinks, target. \".\" and \"..\" are never listed, "
                + "hidden entries always are; with -R every entry below PATH is in the one array.",
        },
        footer = ImageCommands.EXIT_STATUS)
final class LsCommand implements Callable<Integer> {

    @Mixin
    private ImageArgument imageArgument;

    @Option(names = "-l", description = "Long format: mode, links, owner, group, size, mtime (UTC), name -> target.")
    private boolean longFormat;

    @Option(names = "-a", description = "Show hidden entries (names starting with \".\"), \".\" and \"..\" too.")
    private boolean all;

    @Option(names = "-R", description = "List subdirectories recursively.")
    private boolean recursive;

    @Option(names = "--json", description = "Print a JSON array of entries.")
    private boolean json;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PATH", description = "Directory or file in the image; default /.")
    private String path = "/";

    @Override
    public Integer call() {
        String root = ImagePaths.absolute(path);
        PrintWriter out = imageArgument.commandLine().getOut();
        Problems problems = new Problems(imageArgument.commandLine().getErr());
        try (ImageSession session = imageArgument.open(ImageSession.Access.READ)) {
            Process p = session.process();
            Stat st = lstat(p, root);
            boolean listDir = st.isDir() || (st.isSymlink() && !longFormat && followsToDir(p, root));
            if (json) {
                // The root's entries are read first: a root that cannot be listed prints nothing.
                List<String> rootNames = listDir ? names(p, root) : List.of();
                try (Json.ArrayWriter entries = new Json.ArrayWriter(out)) {
                    if (listDir) {
                        jsonEntries(p, root, "", rootNames, entries, problems);
                    } else {
                        entries.add(Entries.entry("/" + ImagePaths.name(root), ImagePaths.name(root), st,
                                Entries.target(p, root, st)));
                    }
                }
            } else if (listDir) {
                new LsText(p, out, problems, longFormat, all).tree(root, recursive);
            } else {
                new LsText(p, out, problems, longFormat, all).single(root, st);
            }
        }
        return problems.exitStatus();
    }

    /**
     * Writes the entries of directory {@code dir}, whose names are {@code names} (and below it
     * with -R), pre-order, paths relative to the listed root.
     */
    private void jsonEntries(Process p, String dir, String relative, List<String> names, Json.ArrayWriter entries,
                             Problems problems) {
        for (String name : names) {
            String full = ImagePaths.child(dir, name);
            String rel = relative + "/" + name;
            try {
                Stat st = lstat(p, full);
                entries.add(Entries.entry(rel, name, st, readlink(p, full, st)));
                if (recursive && st.isDir()) {
                    jsonEntries(p, full, rel, names(p, full), entries, problems);
                }
            } catch (CommandFailure f) {
                problems.report(f);
            }
        }
    }

    private static boolean followsToDir(Process p, String path) {
        try {
            return p.stat(path).isDir();
        } catch (VfsException e) {
            return false; // a dangling link is shown as the link itself
        }
    }

    static Stat lstat(Process p, String path) {
        try {
            return p.lstat(path);
        } catch (RuntimeException e) {
            throw Failures.cannot("access", path, e);
        }
    }

    static List<String> names(Process p, String dir) {
        try {
            return Directory.names(p, dir);
        } catch (RuntimeException e) {
            throw Failures.cannot("open directory", dir, e);
        }
    }

    static String readlink(Process p, String path, Stat st) {
        try {
            return Entries.target(p, path, st);
        } catch (RuntimeException e) {
            throw Failures.cannot("read symbolic link", path, e);
        }
    }
}
