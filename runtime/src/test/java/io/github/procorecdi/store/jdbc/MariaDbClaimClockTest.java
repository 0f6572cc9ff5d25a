package io.github.procorecdi.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Issue 20 item 10: the claim clock of MariaDB/MySQL is UTC whatever the session's time zone. A zone with daylight saving
 * repeats an hour in autumn (Europe/Berlin, 2024-10-27, 02:00-03:00 local twice): a clock read through the session's
 * time zone ({@code UNIX_TIMESTAMP(CURRENT_TIMESTAMP(3))}) cannot tell the two apart and is an hour off in one of them.
 * The session's time is pinned with {@code SET timestamp} to a moment in each of the two hours. The zone comes from the
 * server's time zone tables; where they are empty, the test loads Europe/Berlin into them with {@code mysql_tzinfo_to_sql}
 * (and is skipped if it cannot).
 */
class MariaDbClaimClockTest {
    static final String URL = "jdbc:mariadb://127.0.0.1:3306/test";
    /** 02:30 local in Europe/Berlin, summer time (CEST, +02:00), then an hour later again, winter time (CET, +01:00). */
    static final Instant FIRST_0230 = Instant.parse("2024-10-27T00:30:00Z");
    static final Instant SECOND_0230 = Instant.parse("2024-10-27T01:30:00Z");

    @Test
    void theClockIsUtcInTheHourDaylightSavingRepeats() throws Exception {
        try (Connection c = DriverManager.getConnection(URL, "root", ""); Statement s = c.createStatement()) {
            ensureZone(c, "Europe/Berlin");
            s.execute("SET time_zone = 'Europe/Berlin'");
            for (Instant moment : new Instant[] {FIRST_0230, SECOND_0230}) {
                s.execute("SET timestamp = " + moment.getEpochSecond() + ".250");
                try (ResultSet r = s.executeQuery("SELECT CURRENT_TIMESTAMP(3), " + SqlDialect.MARIADB.nowMillis())) {
                    r.next();
                    assertThat(r.getString(1)).as("the session's local time").startsWith("2024-10-27 02:30:00");
                    assertThat(r.getLong(2)).as("the claim clock at " + moment).isEqualTo(moment.toEpochMilli() + 250);
                }
            }
        }
    }

    @Test
    void theClockIsUtcWhateverTheSessionsOffset() throws Exception {
        try (Connection c = DriverManager.getConnection(URL, "root", ""); Statement s = c.createStatement()) {
            for (String zone : new String[] {"+00:00", "+05:30", "-08:00", "SYSTEM"}) {
                s.execute("SET time_zone = '" + zone + "'");
                long before = System.currentTimeMillis();
                try (ResultSet r = s.executeQuery("SELECT " + SqlDialect.MARIADB.nowMillis())) {
                    r.next();
                    long after = System.currentTimeMillis();
                    assertThat(r.getLong(1)).as("time zone " + zone).isBetween(before - 2_000, after + 2_000);
                }
            }
        }
    }

    /** Loads {@code zone} into the server's time zone tables if they lack it, or skips the test if that cannot be done. */
    static void ensureZone(Connection c, String zone) throws Exception {
        if (hasZone(c, zone)) {
            return;
        }
        Path file = Path.of("/usr/share/zoneinfo", zone);
        Assumptions.assumeTrue(Files.isRegularFile(file), "no " + file + " to load time zone " + zone + " from");
        String sql;
        try {
            Process p = new ProcessBuilder("mysql_tzinfo_to_sql", file.toString(), zone).redirectErrorStream(false).start();
            sql = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            Assumptions.assumeTrue(p.waitFor() == 0, "mysql_tzinfo_to_sql failed");
        } catch (java.io.IOException e) {
            Assumptions.abort("mysql_tzinfo_to_sql is not installed: cannot load time zone " + zone);
            return;
        }
        try (Connection mysql = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/mysql?allowMultiQueries=true", "root", "");
             Statement s = mysql.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            if (!hasZone(c, zone)) { // not loaded concurrently by another run
                Assumptions.abort("cannot load time zone " + zone + " into MariaDB: " + e.getMessage());
            }
        }
        Assumptions.assumeTrue(hasZone(c, zone), "time zone " + zone + " did not load");
    }

    private static boolean hasZone(Connection c, String zone) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM mysql.time_zone_name WHERE Name = '" + zone + "'")) {
            r.next();
            return r.getInt(1) > 0;
        }
    }
}
