package io.syncline.testkit;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * ClickHouse's HTTP interface. The local provider is the real ClickHouse engine (chDB) behind an
 * HTTP front without compression, so the JDBC URL turns compression off; real servers accept that too.
 */
public record ClickHouseEndpoint(URI httpUrl, String user, String password) {

    public String jdbcUrl() {
        return "jdbc:clickhouse:" + httpUrl + "/default?compress=false";
    }

    public Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        return DriverManager.getConnection(jdbcUrl(), properties);
    }

    @Override
    public String toString() {
        return httpUrl.toString();
    }
}
