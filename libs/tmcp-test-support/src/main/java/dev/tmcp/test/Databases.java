package dev.tmcp.test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Creates throwaway databases for integration tests. */
final class Databases {

    private Databases() {
    }

    static void create(String host, int port, String user, String password, String name) {
        if (!name.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("unsafe database name " + name);
        }
        String url = "jdbc:postgresql://" + host + ":" + port + "/postgres";
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + " at " + host + ":" + port, e);
        }
    }
}
