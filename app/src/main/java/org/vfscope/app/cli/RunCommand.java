package org.vfscope.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.vfscope.app.image.ImageOpener;
import org.vfscope.app.image.Machine;
import org.vfscope.app.image.PartitionChoiceException;
import org.vfscope.app.image.UnreadableImageException;
import org.vfscope.app.scenario.Scenario;
import org.vfscope.app.scenario.ScenarioException;
import org.vfscope.app.scenario.ScenarioParser;
import org.vfscope.app.scenario.ScenarioRunner;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vfscope run [--json] (--ramfs | IMAGE) SCENARIO.json}: runs a scenario's steps on a fresh
 * engine and prints the cache counters after each step. The scenario is checked whole before the
 * engine boots.
 */
@Command(
        name = "run",
        customSynopsis = "vfscope run [--json] [--debug] [--partition N] (--ramfs | IMAGE) SCENARIO.json",
        description = {
            "Run a scenario and print the cache counters after each step.",
            "",
            "The steps of SCENARIO.json run on a fresh engine, on an empty ramfs or on IMAGE",
            "(opened through a copy-on-write overlay: the file is never changed). Output is",
            "a table, or JSON Lines with --json. See the README, \"Scenarios\".",
            "",
            "Exit status: 0 when the scenario ran (steps that failed with an errno are",
            "reported and do not stop it), 1 for a bad command line or a missing or malformed",
            "scenario, 8 when the image cannot be read at all (missing, unreadable, or no",
            "recognised filesystem).",
        })
final class RunCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    @SuppressWarnings("unused")
    private boolean help;

    @Option(names = "--json", description = "Print JSON Lines, one object per step, instead of a table.")
    private boolean json;

    @Option(names = "--ramfs", description = "Run on an empty ramfs instead of an image.")
    private boolean ramfs;

    @Parameters(arity = "1..2", paramLabel = "[IMAGE] SCENARIO.json", hideParamSyntax = true,
            description = "The image (unless --ramfs), then the scenario file.")
    private List<Path> files;

    @Override
    public Integer call() throws InterruptedException {
        Path image = image();
        Path scenarioFile = files.get(files.size() - 1);
        Scenario scenario;
        try {
            scenario = new ScenarioParser().parse(scenarioFile);
        } catch (ScenarioException e) {
            throw new CommandFailure(Cli.EXIT_ERROR, e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Machine machine = boot(image)) {
            if (scenario.setsLatency() && !machine.hasDevice()) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("vfscope: note: \"latency\" has no effect on --ramfs, which has no block device");
                err.flush();
            }
            ScenarioRunner.Listener report;
            if (json) {
                report = new JsonLinesReport(out);
            } else {
                TableReport table = new TableReport(out);
                table.header();
                report = table;
            }
            ScenarioRunner.run(scenario, machine, report);
        }
        return 0;
    }

    /** The image to run on, or null for --ramfs; exactly one of the two must be given. */
    private Path image() {
        if (ramfs && files.size() != 1) {
            throw new ParameterException(spec.commandLine(), "with --ramfs give only SCENARIO.json, not an IMAGE too");
        }
        if (!ramfs && files.size() != 2) {
            throw new ParameterException(spec.commandLine(), "give IMAGE and SCENARIO.json, or --ramfs and SCENARIO.json");
        }
        return ramfs ? null : files.get(0);
    }

    private Machine boot(Path image) {
        if (image == null) {
            if (PartitionOption.of(spec).isPresent()) {
                throw new ParameterException(spec.commandLine(), "--partition needs an IMAGE, not --ramfs");
            }
            return Machine.ramfs();
        }
        try {
            return new ImageOpener().open(image, PartitionOption.of(spec));
        } catch (UnreadableImageException e) {
            throw new CommandFailure(Cli.EXIT_UNREADABLE_IMAGE, e.getMessage(), e);
        } catch (PartitionChoiceException e) {
            throw new CommandFailure(Cli.EXIT_ERROR, e.getMessage(), e);
        }
    }
}
