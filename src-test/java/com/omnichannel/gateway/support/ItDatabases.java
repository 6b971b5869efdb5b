package com.omnichannel.gateway.support;

import java.sql.Connection;
import java.sql.DriverManager;

/** Databases of the integration tests that start packaged instances: each its own, new for every run. */
public final class ItDatabases {

    private ItDatabases() {
    }

    /** Drops and creates the database; the instances started on it migrate it and load the demo catalog. */
    public static void recreate(String name) throws Exception {
        String host = System.getenv().getOrDefault("DB_HOST", "127.0.0.1");
        String port = System.getenv().getOrDefault("DB_PORT", "5432");
        String user = System.getenv().getOrDefault("DB_USER", "postgres");
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres", user,
                System.getenv().getOrDefault("DB_PASSWORD", ""))) {
            c.createStatement().execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            c.createStatement().execute("CREATE DATABASE " + name);
        }
    }
}
