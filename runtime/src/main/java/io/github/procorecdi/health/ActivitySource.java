package io.github.procorecdi.health;

import java.util.List;

/** Where a connection's counted calls are read: this JVM's counters, or the table every node adds its counts to. */
public interface ActivitySource {
    /**
     * @param company a company id as sent in {@code Procore-Company-Id}, or {@code null} for every call
     * @param from    first UTC epoch day
     * @param to      last UTC epoch day (inclusive)
     * @return the counted calls of those days (rows may repeat a day, code, method and route: add them up)
     */
    List<ActivityRow> rows(String company, long from, long to);
}
