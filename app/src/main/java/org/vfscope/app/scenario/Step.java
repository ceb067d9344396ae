package org.vfscope.app.scenario;

/**
 * One step of a scenario, as the scenario file names it ({@code "op"}). Each record is already
 * validated: paths are non-empty, lengths and offsets non-negative, chunks positive.
 */
public sealed interface Step {

    /** The {@code "op"} of this step in the scenario file. */
    String op();

    /** What the step acts on, for a one-line summary ({@code /f}, {@code /a -> /b}, {@code 3}); empty if nothing. */
    String target();

    /** Reads [offset, offset + length) in read() calls of {@code chunk} bytes, stopping early at end of file. */
    record Read(String path, long offset, long length, int chunk) implements Step {
        @Override
        public String op() {
            return "read";
        }

        @Override
        public String target() {
            return path;
        }
    }

    /** Writes {@link WritePattern} bytes over [offset, offset + length) in write() calls of {@code chunk} bytes; creates the file. */
    record Write(String path, long offset, long length, int chunk) implements Step {
        @Override
        public String op() {
            return "write";
        }

        @Override
        public String target() {
            return path;
        }
    }

    /** Creates an empty regular file: EEXIST if the name exists. */
    record Create(String path) implements Step {
        @Override
        public String op() {
            return "create";
        }

        @Override
        public String target() {
            return path;
        }
    }

    record Mkdir(String path) implements Step {
        @Override
        public String op() {
            return "mkdir";
        }

        @Override
        public String target() {
            return path;
        }
    }

    record Unlink(String path) implements Step {
        @Override
        public String op() {
            return "unlink";
        }

        @Override
        public String target() {
            return path;
        }
    }

    record Stat(String path) implements Step {
        @Override
        public String op() {
            return "stat";
        }

        @Override
        public String target() {
            return path;
        }
    }

    /** Lists a directory: getdents until it returns nothing, as ls does. */
    record Ls(String path) implements Step {
        @Override
        public String op() {
            return "ls";
        }

        @Override
        public String target() {
            return path;
        }
    }

    record Rename(String from, String to) implements Step {
        @Override
        public String op() {
            return "rename";
        }

        @Override
        public String target() {
            return from + " -> " + to;
        }
    }

    record Fsync(String path) implements Step {
        @Override
        public String op() {
            return "fsync";
        }

        @Override
        public String target() {
            return path;
        }
    }

    record Sync() implements Step {
        @Override
        public String op() {
            return "sync";
        }

        @Override
        public String target() {
            return "";
        }
    }

    /** echo level > /proc/sys/vm/drop_caches: 1 page cache, 2 dentries and inodes, 3 both. */
    record DropCaches(int level) implements Step {
        @Override
        public String op() {
            return "drop_caches";
        }

        @Override
        public String target() {
            return Integer.toString(level);
        }
    }

    /** Changes one tunable while the scenario runs. */
    record Set(Tunable tunable) implements Step {
        @Override
        public String op() {
            return "set";
        }

        @Override
        public String target() {
            return tunable.name() + "=" + tunable.valueText();
        }
    }

    /** Moves the engine's clock: timers due meanwhile (the flusher's) run, in order. */
    record Advance(long ms) implements Step {
        @Override
        public String op() {
            return "advance";
        }

        @Override
        public String target() {
            return ms + "ms";
        }
    }

    /** Lets real time pass and moves the engine's clock by as much. */
    record Sleep(long ms) implements Step {
        @Override
        public String op() {
            return "sleep";
        }

        @Override
        public String target() {
            return ms + "ms";
        }
    }
}
