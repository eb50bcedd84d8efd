package io.syncline.cli;

import java.io.PrintWriter;

/** Progress lines of a long read (a replay, a verify): records so far (of how many, when known) and the rate, every few seconds. */
public final class RecordProgress {
    private static final long INTERVAL_NANOS = 2_000_000_000L;

    private final PrintWriter out;
    private final String label;
    private final long total;
    private final long started = System.nanoTime();
    private long lastLine = started;
    private long records;

    /** {@code total}: how many records the replay reads at most; the topic is compacted, so it may read fewer. */
    public RecordProgress(PrintWriter out, String label, long total) {
        this.out = out;
        this.label = label;
        this.total = total;
    }

    public void add(long more) {
        records += more;
        long now = System.nanoTime();
        if (now - lastLine >= INTERVAL_NANOS) {
            lastLine = now;
            out.printf("  %s: %d of at most %d records (%s/s)%n", label, records, total, rate(records, now - started));
            out.flush();
        }
    }

    /** The seconds since the replay started, e.g. {@code 2.4 s}, and the rate. */
    public String done() {
        long elapsed = System.nanoTime() - started;
        return String.format("%.1f s, %s/s", elapsed / 1e9, rate(records, elapsed));
    }

    public static String rate(long records, long nanos) {
        return nanos <= 0 ? "-" : Long.toString(Math.round(records / (nanos / 1e9)));
    }
}
