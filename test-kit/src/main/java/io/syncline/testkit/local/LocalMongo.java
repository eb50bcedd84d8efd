package io.syncline.testkit.local;

import de.bwaldvogel.mongo.MongoServer;
import io.syncline.testkit.MongoEndpoint;

/**
 * The MongoDB wire protocol from mongo-java-server (in memory), since no mongod can be had on
 * machines without Docker. It lacks transactions, change streams and some query speed; see
 * docs/local-services.md.
 */
public final class LocalMongo {
    private LocalMongo() {
    }

    public static RunningService<MongoEndpoint> start(LocalOptions options) {
        MongoServer server = new MongoServer(new IndexedMemoryBackend());
        server.bind("127.0.0.1", options.port());
        MongoEndpoint endpoint = new MongoEndpoint("mongodb://127.0.0.1:" + options.port());
        return new RunningService<>(endpoint,
                "MongoDB wire protocol (mongo-java-server, in-memory, in-process) at " + endpoint,
                () -> {
                    server.shutdownNow();
                    if (options.ephemeral()) {
                        Directories.deleteTree(options.directory());
                    }
                });
    }

    /** Runs the server as its own process (used by the local-services script) until it is terminated. */
    public static void main(String[] args) throws InterruptedException {
        RunningService<MongoEndpoint> running = start(LocalOptions.persistent(null, Integer.parseInt(args[0])));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                running.close();
            } catch (Exception e) {
                System.err.println("stopping mongo-java-server: " + e);
            }
        }));
        System.out.println("READY " + running.detail());
        Thread.currentThread().join();
    }
}
