package org.vfscope.app.cli.image;

import java.io.OutputStream;
import java.util.List;

/** The commands that work on an image, in the order {@code vfscope --help} lists them. */
public final class ImageCommands {
    /** The help footer every image command shows. */
    static final String EXIT_STATUS = "%nExit status: 0 done; 1 bad command line; 2 the operation failed "
            + "(the message names the path and why); 8 the image cannot be read at all (missing or unreadable "
            + "file, no recognised filesystem, bad superblock).";

    /** The help footer of commands that change the image. */
    static final String WRITES = "%nThe image is changed in place, through the filesystem driver, and written back before "
            + "the command exits.";

    private ImageCommands() {
    }

    /** One instance of each; {@code stdout} takes the raw bytes {@code cat} prints. */
    public static List<Object> all(OutputStream stdout) {
        return factories(stdout).stream().map(f -> f.make().get()).toList();
    }

    /** A way to make each, with its class (whose {@code @Command} names it), in the order of {@link #all}. */
    public static List<CommandFactory> factories(OutputStream stdout) {
        return List.of(new CommandFactory(InfoCommand.class, InfoCommand::new),
                new CommandFactory(LsCommand.class, LsCommand::new),
                new CommandFactory(StatCommand.class, StatCommand::new),
                new CommandFactory(CatCommand.class, () -> new CatCommand(stdout)),
                new CommandFactory(GetCommand.class, GetCommand::new),
                new CommandFactory(PutCommand.class, PutCommand::new),
                new CommandFactory(MkdirCommand.class, MkdirCommand::new),
                new CommandFactory(RmCommand.class, RmCommand::new),
                new CommandFactory(MvCommand.class, MvCommand::new),
                new CommandFactory(LnCommand.class, LnCommand::new),
                new CommandFactory(ChmodCommand.class, ChmodCommand::new),
                new CommandFactory(RecoverCommand.class, RecoverCommand::new),
                new CommandFactory(MkfsCommand.class, MkfsCommand::new));
    }
}
