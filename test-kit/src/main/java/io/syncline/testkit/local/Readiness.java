package io.syncline.testkit.local;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a server to answer, failing early with its log when its process dies. */
final class Readiness {
    private Readiness() {
    }

    static void await(LocalProcess process, Duration timeout, BooleanSupplier ready) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            process.checkAlive();
            if (ready.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                process.close();
                throw new IllegalStateException(process + " did not become ready within " + timeout.toSeconds()
                        + " s; last lines of its log:\n" + process.logTail(40));
            }
            LocalProcess.sleep(200);
        }
    }
}
