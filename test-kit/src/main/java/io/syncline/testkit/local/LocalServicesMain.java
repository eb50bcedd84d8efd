package io.syncline.testkit.local;

import io.syncline.testkit.MongoEndpoint;
import io.syncline.testkit.ServiceType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * {@code scripts/local-services.sh up|down|status}: the test kit's local servers as long-lived
 * processes on fixed loopback ports, with all state under one directory. {@code up} is
 * idempotent; {@code down} stops only the processes {@code up} recorded in its pid files.
 * {@code endpoints.env} in the state directory exports the test kit's variables, so tests can
 * use these servers instead of starting their own.
 */
public final class LocalServicesMain {

    /**
     * One managed server: its fixed port (clients connect there), the other ports it binds, how to start it, and the
     * variable that tells tests where it is.
     */
    private record Managed(String name, int port, List<Integer> otherPorts,
                           Function<LocalOptions, RunningService<?>> start,
                           ServiceType<?> type, IntFunction<String> endpointValue) {
        List<Integer> allPorts() {
            List<Integer> all = new ArrayList<>(List.of(port));
            all.addAll(otherPorts);
            return all;
        }
    }

    private static final List<Managed> SERVICES = List.of(
            new Managed("postgresql", 25432, List.of(), LocalPostgres::start, ServiceType.POSTGRES,
                    port -> "postgresql://postgres@127.0.0.1:" + port + "/postgres"),
            new Managed("kafka", 29092, List.of(29093), LocalKafkaProcess::start, ServiceType.KAFKA,
                    port -> "127.0.0.1:" + port),
            new Managed("elasticsearch", 29200, List.of(29300), LocalElasticsearch::start, ServiceType.ELASTICSEARCH,
                    port -> "http://127.0.0.1:" + port),
            new Managed("mongodb", 28017, List.of(), LocalServicesMain::startMongo, ServiceType.MONGODB,
                    port -> "mongodb://127.0.0.1:" + port),
            new Managed("clickhouse", 28123, List.of(), LocalClickHouse::start, ServiceType.CLICKHOUSE,
                    port -> "http://127.0.0.1:" + port));

    private LocalServicesMain() {
    }

    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: local-services up|down|status [STATE_DIR]");
            System.exit(64);
        }
        Path stateDir = Path.of(args.length == 2 ? args[1] : "/var/tmp/syncline-services").toAbsolutePath();
        int exit = switch (args[0]) {
            case "up" -> up(stateDir);
            case "down" -> down(stateDir);
            case "status" -> status(stateDir);
            default -> {
                System.err.println("unknown command " + args[0] + "; expected up, down or status");
                yield 64;
            }
        };
        System.exit(exit);
    }

    private static int up(Path stateDir) {
        Directories.create(stateDir);
        int failures = 0;
        List<String> env = new ArrayList<>();
        for (Managed service : SERVICES) {
            LocalOptions options = options(stateDir, service);
            env.add("export " + service.type().environmentVariable() + "=" + service.endpointValue().apply(service.port()));
            if (running(options)) {
                System.out.printf("%-14s already running on 127.0.0.1:%d%n", service.name(), service.port());
                continue;
            }
            List<Integer> taken = service.allPorts().stream().filter(port -> !Ports.bindable(port)).toList();
            if (!taken.isEmpty()) {
                System.out.printf("%-14s NOT started: port %s on 127.0.0.1 is in use by a process this script did not"
                        + " start (a server, or a connection's local end: see `ss -tanp | grep :PORT`)%n",
                        service.name(), taken.stream().map(String::valueOf).collect(Collectors.joining(", ")));
                failures++;
                continue;
            }
            try {
                RunningService<?> started = service.start().apply(options);
                System.out.printf("%-14s started: %s%n", service.name(), started.detail());
            } catch (RuntimeException e) {
                System.out.printf("%-14s FAILED: %s%n", service.name(), e.getMessage());
                failures++;
            }
        }
        try {
            Files.write(stateDir.resolve("endpoints.env"), env);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("Tests use these servers after: source " + stateDir.resolve("endpoints.env"));
        return failures == 0 ? 0 : 1;
    }

    private static int down(Path stateDir) {
        for (Managed service : SERVICES) {
            LocalOptions options = options(stateDir, service);
            OptionalLong group = processGroup(options);
            if (group.isEmpty()) {
                System.out.printf("%-14s not started by this script%n", service.name());
                continue;
            }
            if (LocalProcess.groupAlive(group.getAsLong())) {
                LocalProcess.stopGroup(group.getAsLong(), signal(options));
                System.out.printf("%-14s stopped (process group %d)%n", service.name(), group.getAsLong());
            } else {
                System.out.printf("%-14s was not running%n", service.name());
            }
            try {
                Files.deleteIfExists(options.pidFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return 0;
    }

    private static int status(Path stateDir) {
        int down = 0;
        for (Managed service : SERVICES) {
            LocalOptions options = options(stateDir, service);
            boolean up = running(options) && Ports.listening(service.port());
            down += up ? 0 : 1;
            System.out.printf("%-14s %-8s %s=%s%n", service.name(), up ? "running" : "stopped",
                    service.type().environmentVariable(), service.endpointValue().apply(service.port()));
        }
        System.out.println("state: " + stateDir);
        return down == 0 ? 0 : 3;
    }

    private static RunningService<MongoEndpoint> startMongo(LocalOptions options) {
        Directories.create(options.directory());
        LocalProcess process = JavaProcess.start("mongo-java-server", "512m", LocalMongo.class.getName(),
                List.of(String.valueOf(options.port())), options, options.directory().resolve("mongodb.log"));
        options.record(process);
        Readiness.await(process, Duration.ofSeconds(60), () -> Ports.listening(options.port()));
        return new RunningService<>(new MongoEndpoint("mongodb://127.0.0.1:" + options.port()),
                "MongoDB wire protocol (mongo-java-server, in-memory, own JVM) at mongodb://127.0.0.1:" + options.port(),
                process::close);
    }

    private static LocalOptions options(Path stateDir, Managed service) {
        return LocalOptions.persistent(stateDir.resolve(service.name()), service.port());
    }

    private static boolean running(LocalOptions options) {
        OptionalLong group = processGroup(options);
        return group.isPresent() && LocalProcess.groupAlive(group.getAsLong());
    }

    /** The process group recorded in the pid file, if this script started the server. */
    private static OptionalLong processGroup(LocalOptions options) {
        try {
            if (!Files.exists(options.pidFile())) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(Long.parseLong(Files.readString(options.pidFile()).trim().split("\\s+")[0]));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static String signal(LocalOptions options) {
        try {
            String[] parts = Files.readString(options.pidFile()).trim().split("\\s+");
            return parts.length > 1 ? parts[1] : "TERM";
        } catch (IOException e) {
            return "TERM";
        }
    }
}
