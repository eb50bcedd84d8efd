package io.syncline.cli;

import io.syncline.config.PipelineSpec;
import io.syncline.daemon.PipelineRuntime;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code syncline run -c FILE}: capture, views and sinks in this process until SIGTERM/SIGINT,
 * then a clean stop (capture flushes its offsets, sinks commit what they wrote).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs the pipeline (capture, views, sinks) until stopped.")
final class RunCommand implements Callable<Integer> {
    @Mixin
    PipelineFileOption pipeline;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PipelineSpec loaded = pipeline.load();
        CountDownLatch stopped = new CountDownLatch(1);
        PipelineRuntime runtime = PipelineRuntime.start(loaded);
        Thread hook = new Thread(() -> {
            runtime.close();
            stopped.countDown();
        }, "syncline-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        spec.commandLine().getOut().println("syncline: pipeline '" + loaded.name() + "' running; stop with SIGTERM");
        spec.commandLine().getOut().flush();
        while (!stopped.await(1, TimeUnit.SECONDS)) {
            Optional<String> failure = runtime.failure();
            if (failure.isPresent()) {
                spec.commandLine().getErr().println("syncline: " + failure.get() + "; stopping");
                Runtime.getRuntime().removeShutdownHook(hook);
                runtime.close();
                return 1;
            }
        }
        return 0;
    }
}
