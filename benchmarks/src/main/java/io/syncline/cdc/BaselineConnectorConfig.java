package io.syncline.cdc;

import java.util.Properties;

/**
 * The exact Debezium connector configuration the capture uses, for the benchmark's Debezium-alone
 * baseline. It lives in cdc-engine's package because {@link DebeziumProperties} is package-private
 * there: reusing it (rather than a copy) keeps the comparison fair when the capture's settings change.
 */
public final class BaselineConnectorConfig {
    private BaselineConnectorConfig() {
    }

    public static Properties of(CaptureOptions options) {
        return DebeziumProperties.of(options);
    }
}
