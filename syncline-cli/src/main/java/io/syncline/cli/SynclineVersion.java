package io.syncline.cli;

import io.syncline.cdc.CaptureVersions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.apache.kafka.common.utils.AppInfoParser;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code syncline --version}: the version, git commit and build time this build was made from
 * ({@code syncline-version.properties}, filled in by the build), and the versions of Debezium and
 * Kafka as the embedded libraries report them at run time.
 */
public final class SynclineVersion implements IVersionProvider {
    static final String RESOURCE = "syncline-version.properties";

    @Override
    public String[] getVersion() {
        Properties build = buildProperties();
        return new String[] {
            "syncline " + known(build, "version", "(development build)") + " (commit " + known(build, "commit", "unknown")
                    + ", built " + known(build, "built", "unknown") + ")",
            "Debezium " + CaptureVersions.debezium() + " (PostgreSQL connector), Kafka " + AppInfoParser.getVersion()
                    + ", Java " + System.getProperty("java.version")
        };
    }

    /** What runs, for the daemon's /status: syncline (version, commit, built), debezium, kafka, java. */
    public static java.util.Map<String, String> running() {
        Properties build = buildProperties();
        java.util.Map<String, String> versions = new java.util.LinkedHashMap<>();
        versions.put("syncline", known(build, "version", "development build"));
        versions.put("commit", known(build, "commit", "unknown"));
        versions.put("built", known(build, "built", "unknown"));
        versions.put("debezium", CaptureVersions.debezium());
        versions.put("kafka", AppInfoParser.getVersion());
        versions.put("java", System.getProperty("java.version"));
        return versions;
    }

    static Properties buildProperties() {
        Properties properties = new Properties();
        try (InputStream in = SynclineVersion.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /** A property the build filled in; a missing one, or a placeholder the build could not fill (no git checkout), is {@code otherwise}. */
    private static String known(Properties properties, String key, String otherwise) {
        String value = properties.getProperty(key, "").strip();
        return value.isEmpty() || value.contains("${") ? otherwise : value;
    }
}
