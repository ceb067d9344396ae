package org.vfscope.app;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Optional;

import org.vfscope.app.cli.Cli;
import org.vfscope.app.cli.Host;

/**
 * Entry point of {@code vfscope}. A plain class on purpose: JavaFX refuses to start an
 * {@code Application} subclass as the main class when it is loaded from the classpath.
 */
public final class Main {

    /** Set by the launcher script to the checkout, where {@code images/} lives. */
    static final String HOME_PROPERTY = "vfscope.home";

    private Main() {
    }

    public static void main(String[] args) {
        Path home = Path.of(System.getProperty(HOME_PROPERTY, System.getProperty("user.dir")));
        Path demo = home.resolve("images").resolve("demo.img");
        boolean display = Host.displayAvailable(System.getenv(), System.getProperty("os.name"));
        String[] command = withImageShorthand(args);
        Charset cs = Charset.defaultCharset();
        PrintWriter err = new PrintWriter(System.err, true, cs);
        Optional<DirectGui> gui = DirectGui.of(command, demo);
        if (gui.isPresent()) {
            if (!display) {
                err.println("vfscope: " + Host.NO_DISPLAY);
                System.exit(Cli.EXIT_ERROR);
            }
            VfscopeApplication.open(gui.get().image());
            System.exit(0);
        }
        Host host = new Host(display, demo, VfscopeApplication::open);
        PrintWriter out = new PrintWriter(System.out, true, cs);
        System.exit(Cli.run(host, System.out, out, err, command));
    }

    /** {@code vfscope disk.img} means {@code vfscope gui disk.img}: one argument that names an image file. */
    static String[] withImageShorthand(String[] args) {
        if (args.length == 1 && !args[0].startsWith("-") && args[0].contains(".")
                && java.nio.file.Files.isRegularFile(Path.of(args[0]))) {
            return new String[] {"gui", args[0]};
        }
        return args;
    }
}
