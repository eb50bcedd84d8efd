package io.syncline.cli;

import io.syncline.config.ConfigProblem;
import io.syncline.config.InvalidPipelineException;
import io.syncline.config.PipelineSpec;
import io.syncline.daemon.PipelineRoles;
import io.syncline.daemon.PipelineRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code syncline run -c FILE}: capture, views and sinks in this process until SIGTERM/SIGINT,
 * then a clean stop (capture flushes its offsets, sinks commit what they wrote): exit 0. Exit 78
 * for a pipeline file with problems, 73 when the state directory cannot be created or written, 69
 * when PostgreSQL, Kafka or a sink cannot be reached at start (or PostgreSQL is not ready for
 * capture), 70 when the running pipeline fails.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs the pipeline (capture, views, sinks) until stopped.",
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {"  0:stopped cleanly (SIGTERM or SIGINT)", ExitCodes.HELP_USAGE, ExitCodes.HELP_NO_INPUT,
                " 69:at start, PostgreSQL, Kafka or a sink cannot be reached, refused the login, or PostgreSQL"
                        + " is not ready for capture",
                " 70:the running pipeline failed, or an internal error (--verbose prints the stack trace)",
                ExitCodes.HELP_CANT_CREATE, ExitCodes.HELP_CONFIG})
final class RunCommand implements Callable<Integer> {
    @Mixin
    PipelineFileOption pipeline;

    @Option(names = "--role", paramLabel = "ROLE", description = "Runs only this part of the pipeline: capture, views,"
            + " sink (every sink) or sink:NAME; repeatable. Processes with the same pipeline file share the rest"
            + " through Kafka; of those with capture, one captures and the others stand by to take over when it"
            + " goes. Default: everything.")
    List<String> roles = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PipelineSpec loaded = pipeline.load();
        PipelineRoles parts;
        try {
            parts = PipelineRoles.parse(roles);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        List<ConfigProblem> problems = parts.problems(loaded, pipeline.file().toString());
        if (!problems.isEmpty()) {
            throw new InvalidPipelineException(problems);
        }
        checkStateDir(Path.of(loaded.stateDir()));
        CountDownLatch stopped = new CountDownLatch(1);
        PipelineRuntime runtime = PipelineRuntime.start(loaded, parts);
        Thread hook = new Thread(() -> {
            runtime.close();
            stopped.countDown();
        }, "syncline-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        spec.commandLine().getOut().println("syncline: pipeline '" + loaded.name() + "' running; stop with SIGTERM");
        spec.commandLine().getOut().flush();
        while (!stopped.await(1, TimeUnit.SECONDS)) {
            Optional<PipelineRuntime.Failure> failure = runtime.stoppedWith();
            if (failure.isPresent()) {
                Runtime.getRuntime().removeShutdownHook(hook);
                runtime.close();
                throw new PipelineFailedException(failure.get().component() + " failed: "
                        + Failures.describe(failure.get().error()) + "; pipeline stopped", failure.get().error());
            }
        }
        return ExitCodes.OK;
    }

    private static void checkStateDir(Path stateDir) throws CantCreateException {
        try {
            Files.createDirectories(stateDir);
        } catch (IOException e) {
            String why = e instanceof java.nio.file.AccessDeniedException ? "permission denied" : Failures.describe(e);
            throw new CantCreateException("state directory " + stateDir + " cannot be created (" + why + ")", e);
        }
        if (!Files.isWritable(stateDir)) {
            throw new CantCreateException("state directory " + stateDir + " is not writable", null);
        }
    }
}
