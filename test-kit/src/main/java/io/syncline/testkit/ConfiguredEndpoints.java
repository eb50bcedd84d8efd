package io.syncline.testkit;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Parses endpoints given from outside (environment variable or system property). */
final class ConfiguredEndpoints {
    private ConfiguredEndpoints() {
    }

    /** {@code postgresql://user:password@host:port/database} (libpq URI form). */
    static PostgresEndpoint postgres(String value) {
        URI uri = URI.create(value.startsWith("jdbc:") ? value.substring(5) : value);
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
            throw new IllegalArgumentException("expected postgresql://user:password@host:port/database");
        }
        String[] credentials = userInfo(uri, "postgres", "");
        String path = uri.getPath() == null || uri.getPath().length() <= 1 ? "/postgres" : uri.getPath();
        return new PostgresEndpoint(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(),
                path.substring(1), credentials[0], credentials[1]);
    }

    /** {@code http://host:9200}. */
    static ElasticsearchEndpoint elasticsearch(String value) {
        return new ElasticsearchEndpoint(URI.create(stripTrailingSlash(value)));
    }

    /** {@code http://user:password@host:8123}; user defaults to {@code default}. */
    static ClickHouseEndpoint clickhouse(String value) {
        URI uri = URI.create(stripTrailingSlash(value));
        String[] credentials = userInfo(uri, "default", "");
        URI withoutCredentials = URI.create(uri.getScheme() + "://" + uri.getHost()
                + (uri.getPort() < 0 ? "" : ":" + uri.getPort()));
        return new ClickHouseEndpoint(withoutCredentials, credentials[0], credentials[1]);
    }

    private static String[] userInfo(URI uri, String defaultUser, String defaultPassword) {
        String info = uri.getRawUserInfo();
        if (info == null) {
            return new String[] {defaultUser, defaultPassword};
        }
        int colon = info.indexOf(':');
        String user = colon < 0 ? info : info.substring(0, colon);
        String password = colon < 0 ? defaultPassword : info.substring(colon + 1);
        return new String[] {decode(user), decode(password)};
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String stripTrailingSlash(String value) {
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }
}
