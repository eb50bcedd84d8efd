package io.syncline.config;

/**
 * The daemon's HTTP endpoint (health, metrics, status): whether it runs, the address it listens on
 * ({@code host:port}; port 0 picks a free one) and the bearer token every request must carry
 * (empty: none; required when the host is not loopback).
 */
public record HttpSpec(boolean enabled, String host, int port, Secret token) {

    /** The port when {@code http.address} is not given (Prometheus exporters' 9464). */
    public static final int DEFAULT_PORT = 9464;
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final String DEFAULT_ADDRESS = DEFAULT_HOST + ":" + DEFAULT_PORT;

    /** On, on loopback at the default port, without a token. */
    public static final HttpSpec DEFAULT = new HttpSpec(true, DEFAULT_HOST, DEFAULT_PORT, new Secret(""));

    public HttpSpec {
        token = token == null ? new Secret("") : token;
    }

    public boolean hasToken() {
        return token.value() != null && !token.value().isEmpty();
    }

    /** Whether {@code host} is a loopback name or literal: localhost, 127.x.x.x, ::1. No name is resolved. */
    public static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return h.equalsIgnoreCase("localhost") || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")
                || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1");
    }

    public boolean loopback() {
        return isLoopback(host);
    }
}
