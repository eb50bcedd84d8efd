package io.syncline.testkit.local;

/** A started service: how to reach it, a one-line description for the log, and how to stop it. */
public record RunningService<E>(E endpoint, String detail, AutoCloseable stopper) implements AutoCloseable {
    @Override
    public void close() throws Exception {
        stopper.close();
    }

    @Override
    public String toString() {
        return detail;
    }
}
