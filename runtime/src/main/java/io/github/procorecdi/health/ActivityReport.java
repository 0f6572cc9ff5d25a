package io.github.procorecdi.health;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The API Call Activity Report: Procore's CSV columns, one row per day, code, method and route. */
public final class ActivityReport {
    /** The header, exactly as Procore's report has it. */
    public static final String HEADER = "Date,Response Code,HTTP Method,Normalized Route,Count";
    /** Days the report covers, today included. */
    public static final int DAYS = 30;

    private ActivityReport() {
    }

    /** One line of the report. */
    public record Line(long day, int status, String method, String route) {
        static final Comparator<Line> ORDER = Comparator.comparingLong(Line::day).thenComparing(Line::route)
                .thenComparing(Line::method).thenComparingInt(Line::status);
    }

    /** @return the rows added up per day, code, method and route, in the report's order (date, route, method, code) */
    public static Map<Line, Long> lines(List<ActivityRow> rows) {
        Map<Line, Long> lines = new TreeMap<>(Line.ORDER);
        for (ActivityRow row : rows) {
            lines.merge(new Line(row.day(), row.status(), row.method(), row.route()), row.count(), Long::sum);
        }
        return lines;
    }

    /** @return the CSV of {@code rows} (lines end with {@code \n}) */
    public static String csv(List<ActivityRow> rows) {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        lines(rows).forEach((line, count) -> csv.append(LocalDate.ofEpochDay(line.day())).append(',').append(line.status()).append(',')
                .append(field(line.method())).append(',').append(field(line.route())).append(',').append(count).append('\n'));
        return csv.toString();
    }

    private static String field(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
