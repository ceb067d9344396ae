package org.vfscope.app.cli.image;

import java.util.function.Supplier;
import picocli.CommandLine.Command;

/**
 * A subcommand not made yet: its class, whose {@code @Command} names it, and how to make it.
 * picocli reflects over every command it is given, so a run makes only the one it names.
 */
public record CommandFactory(Class<?> type, Supplier<Object> make) {
    /** The name it is called by on the command line. */
    public String name() {
        return type.getAnnotation(Command.class).name();
    }
}
