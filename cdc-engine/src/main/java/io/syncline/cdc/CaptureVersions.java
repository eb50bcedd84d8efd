package io.syncline.cdc;

/** The versions of what capture embeds, read from the libraries at run time (for {@code syncline --version}). */
public final class CaptureVersions {
    private CaptureVersions() {
    }

    /** The Debezium PostgreSQL connector's version, e.g. {@code 3.6.3.Final}. */
    public static String debezium() {
        return io.debezium.connector.postgresql.Module.version();
    }
}
