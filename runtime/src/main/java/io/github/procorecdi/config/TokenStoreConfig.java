package io.github.procorecdi.config;

import java.nio.file.Path;

/**
 * The {@code token-store*} settings of a connection. {@link #toString()} hides the password and key.
 *
 * @param kind          {@code memory}, {@code file}, {@code jdbc}, or the name of an application bean
 * @param path          file store location
 * @param datasource    JNDI name of the data source (jdbc in a server)
 * @param jdbcUrl       JDBC URL (jdbc in Java SE), or {@code null}
 * @param username      JDBC user, or {@code null}
 * @param password      JDBC password (secret), or {@code null}
 * @param table         table name
 * @param encryptionKey AES key for encryption at rest (secret), or {@code null}
 */
public record TokenStoreConfig(String kind, Path path, String datasource, String jdbcUrl, String username,
                               String password, String table, byte[] encryptionKey) {

    public static final String MEMORY = "memory";
    public static final String FILE = "file";
    public static final String JDBC = "jdbc";

    /** @return whether {@link #kind()} names an application bean rather than a built-in store */
    public boolean isBean() {
        return !MEMORY.equals(kind) && !FILE.equals(kind) && !JDBC.equals(kind);
    }

    @Override
    public String toString() {
        return "TokenStoreConfig[kind=" + kind + ", path=" + path + ", datasource=" + datasource + ", jdbcUrl=" + jdbcUrl
                + ", username=" + username + ", table=" + table + ", encrypted=" + (encryptionKey != null) + "]";
    }
}
