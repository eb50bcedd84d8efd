package io.syncline.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URL;
import java.util.concurrent.atomic.AtomicLong;

/**
 * GETs the daemon's {@code /metrics} every {@value #INTERVAL_MS} ms, as Prometheus would, on a thread
 * of its own (the harness's), for as long as a measurement runs: the endpoint's and the meters'
 * work (reading every counter, rendering the text) is then part of what the pipeline costs. A
 * failed scrape is counted, not fatal: the measurement is about throughput.
 */
final class MetricsScraper implements AutoCloseable {
    private static final long INTERVAL_MS = 1_000;

    private final URL url;
    private final Thread thread;
    private final AtomicLong scrapes = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    MetricsScraper(InetSocketAddress address) throws IOException {
        this.url = new URL("http", address.getHostString(), address.getPort(), "/metrics");
        thread = new Thread(this::run, "bench-metrics-scraper");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                HttpURLConnection connection = (HttpURLConnection) url.openConnection();
                try (InputStream body = connection.getInputStream()) {
                    body.transferTo(OutputStream.nullOutputStream());
                }
                if (connection.getResponseCode() == 200) {
                    scrapes.incrementAndGet();
                } else {
                    failures.incrementAndGet();
                }
            } catch (IOException e) {
                failures.incrementAndGet();
            }
            try {
                Thread.sleep(INTERVAL_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** "N scrapes (M failed)". */
    String describe() {
        return scrapes.get() + " scrapes of /metrics" + (failures.get() == 0 ? "" : " (" + failures.get() + " failed)");
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
