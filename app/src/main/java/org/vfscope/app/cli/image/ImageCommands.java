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
        return List.of(new InfoCommand(), new LsCommand(), new StatCommand(), new CatCommand(stdout),
                new GetCommand(), new PutCommand(), new MkdirCommand(), new RmCommand(), new MvCommand(),
                new LnCommand(), new ChmodCommand(), new RecoverCommand(), new MkfsCommand());
    }
}
