package io.syncline.testkit.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A separate JVM on this JVM's classpath, for servers the local-services script keeps running. */
final class JavaProcess {
    private JavaProcess() {
    }

    static LocalProcess start(String name, String heap, String mainClass, List<String> args,
                              LocalOptions options, Path logFile) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms" + heap, "-Xmx" + heap,
                "-cp", System.getProperty("java.class.path"),
                mainClass));
        command.addAll(args);
        return LocalProcess.start(name, command, options.directory(), logFile, Map.of(), Optional.empty(),
                "TERM", options.ephemeral() ? options.directory() : null);
    }
}
