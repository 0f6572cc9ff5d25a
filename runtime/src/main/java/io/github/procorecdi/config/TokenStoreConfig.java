package io.github.procorecdi.config;

import java.nio.file.Path;
import java.util.List;

import io.github.procorecdi.internal.JdbcUrls;

/**
 * The {@code token-store*} settings of a connection. {@link #toString()} hides the password and keys
 * and masks secrets in the JDBC URL.
 *
 * @param kind          {@code memory}, {@code file}, {@code jdbc}, or the name of an application bean
 * @param path          file store location
 * @param datasource    JNDI name of the data source (jdbc in a server)
 * @param jdbcUrl       JDBC URL (jdbc in Java SE), or {@code null}
 * @param username      JDBC user, or {@code null}
 * @param password      JDBC password (secret), or {@code null}
 * @param table         table name
 * @param createTable   whether the jdbc store may create its table
 * @param encryptionKey AES key for encryption at rest (secret), or {@code null}
 * @param previousKeys  AES keys still accepted for reading (secrets)
 */
public record TokenStoreConfig(String kind, Path path, String datasource, String jdbcUrl, String username,
                               String password, String table, boolean createTable, byte[] encryptionKey, List<byte[]> previousKeys) {

    public static final String MEMORY = "memory";
    public static final String FILE = "file";
    public static final String JDBC = "jdbc";

    /** Copies the key list. */
    public TokenStoreConfig {
        previousKeys = previousKeys == null ? List.of() : List.copyOf(previousKeys);
    }

    /** The default JNDI name of the jdbc store's data source. */
    public static final String DEFAULT_DATASOURCE = "java:comp/DefaultDataSource";
    /** The default table of the jdbc store. */
    public static final String DEFAULT_TABLE = "procore_tokens";

    /** @return the in-memory store */
    public static TokenStoreConfig memory() {
        return new TokenStoreConfig(MEMORY, null, DEFAULT_DATASOURCE, null, null, null, DEFAULT_TABLE, true, null, List.of());
    }

    /** @return every default of a connection's {@code token-store*} settings (the {@code memory} store) */
    public static TokenStoreConfig defaults(String connection) {
        return new TokenStoreConfig(MEMORY, defaultPath(connection), DEFAULT_DATASOURCE, null, null, null, DEFAULT_TABLE, true, null,
                List.of());
    }

    /** @return the default file of the {@code file} store: {@code ${user.home}/.procore-cdi/<name>.tokens} */
    public static Path defaultPath(String connection) {
        return Path.of(System.getProperty("user.home"), ".procore-cdi", connection + ".tokens");
    }

    /** @return a {@code jdbc} store on a JDBC URL (Java SE) */
    public static TokenStoreConfig jdbc(String url, String username, String password, String table) {
        return new TokenStoreConfig(JDBC, null, DEFAULT_DATASOURCE, url, username, password, table, true, null, List.of());
    }

    /** @return whether {@link #kind()} names an application bean rather than a built-in store */
    public boolean isBean() {
        return isBean(kind);
    }

    /** @return whether a {@code token-store} value names an application bean rather than a built-in store */
    public static boolean isBean(String kind) {
        return !MEMORY.equals(kind) && !FILE.equals(kind) && !JDBC.equals(kind);
    }

    /** @return these settings with {@code key} as the encryption key and {@code previous} as the keys still read */
    public TokenStoreConfig withKeys(byte[] key, List<byte[]> previous) {
        return new TokenStoreConfig(kind, path, datasource, jdbcUrl, username, password, table, createTable, key, previous);
    }

    @Override
    public String toString() {
        return "TokenStoreConfig[kind=" + kind + (FILE.equals(kind) ? ", path=" + path : "")
                + (JDBC.equals(kind) ? (jdbcUrl != null ? ", jdbcUrl=" + JdbcUrls.mask(jdbcUrl) + ", username=" + username
                        : ", datasource=" + datasource) + ", table=" + table + ", createTable=" + createTable : "")
                + ", encrypted=" + (encryptionKey != null) + (previousKeys.isEmpty() ? "" : ", previousKeys=" + previousKeys.size()) + "]";
    }
}
