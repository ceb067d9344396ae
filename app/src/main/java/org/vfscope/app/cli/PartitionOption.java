package org.vfscope.app.cli;

import java.util.OptionalInt;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code --partition N}: which partition of a disk image to work on, numbered from 1 as Linux
 * does. A global option, declared on the {@code vfscope} command and inherited by every
 * subcommand, so it may come before or after the subcommand's name.
 */
public final class PartitionOption {
    static final String NAME = "--partition";

    private PartitionOption() {
    }

    /** The partition given on the command line that {@code spec} parsed, if any. */
    public static OptionalInt of(CommandSpec spec) {
        OptionSpec option = spec.findOption(NAME);
        Integer value = option == null ? null : option.getValue();
        return value == null ? OptionalInt.empty() : OptionalInt.of(value);
    }
}
