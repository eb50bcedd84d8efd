package io.syncline.config;

public record PostgresSpec(String host, int port, String database, String user, Secret password) {
}
