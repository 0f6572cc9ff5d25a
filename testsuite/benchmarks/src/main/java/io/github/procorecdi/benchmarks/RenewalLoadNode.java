package io.github.procorecdi.benchmarks;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.github.procorecdi.ProcoreConnection;
import io.github.procorecdi.ProcoreConnections;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

/**
 * Steady load across token renewals, in its own JVM: {@code threads} callers call a service account's API without
 * pause for {@code millis}, through a connection opened with {@link ProcoreConnections#open(String, Map)}. The token
 * requests are the simulator's record of them ({@code GET /_simulator/token-requests}: when each arrived and was
 * answered), read at the end; calls are timed on this JVM's wall clock at microsecond resolution, on the same machine.
 * Prints the caller latencies of calls that overlapped a token request and of all others. Arguments:
 * {@code login api refresh-ahead(ISO) threads millis}.
 */
public final class RenewalLoadNode {
    /** This node's {@code User-Agent}: the simulator's record of its token requests is found by it. */
    static final String USER_AGENT = "renewal-load";

    private RenewalLoadNode() {
    }

    public static void main(String[] args) throws Exception {
        URI login = URI.create(args[0]);
        URI api = URI.create(args[1]);
        Duration ahead = Duration.parse(args[2]);
        int threads = Integer.parseInt(args[3]);
        long millis = Long.parseLong(args[4]);
        ProcoreConnection connection = ProcoreConnections.open("load", Map.of("grant-type", "client_credentials",
                "client-id", Storms.DMSA_CLIENT_ID, "client-secret", Storms.DMSA_CLIENT_SECRET, "login-url", login.toString(),
                "api-url", api.toString(), "company-id", "101", "user-agent", USER_AGENT, "refresh-ahead", ahead.toString()));
        MeApi me = connection.client(MeApi.class);
        for (int i = 0; i < 200; i++) {
            me.me(); // warm
        }
        WallMicros clock = new WallMicros();
        long measuredFrom = clock.now(System.nanoTime());
        List<long[]> calls = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            pool.execute(() -> {
                List<long[]> mine = new ArrayList<>();
                while (System.nanoTime() < end) {
                    long s = System.nanoTime();
                    try {
                        me.me();
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                        continue;
                    }
                    mine.add(new long[] {clock.now(s), clock.now(System.nanoTime())});
                }
                calls.addAll(mine);
            });
        }
        pool.shutdown();
        pool.awaitTermination(millis + 60_000, TimeUnit.MILLISECONDS);
        List<long[]> renewals = renewals(login, measuredFrom);
        ProcoreConnections.close(connection);
        // Control: windows as long as each renewal, half a renewal period earlier, overlapping none. Calls overlapping a
        // renewal are clustered in a few short windows, so any hiccup of the machine there (a GC, a compilation, another
        // process) moves their p99 more than the p99 of calls spread over the whole run; the control windows are clustered
        // alike, and show how much of a difference that alone makes.
        List<long[]> controls = controlWindows(renewals);
        List<Long> across = new ArrayList<>();
        List<Long> control = new ArrayList<>();
        List<Long> others = new ArrayList<>();
        for (long[] c : calls) {
            long micros = c[1] - c[0];
            if (overlaps(c, renewals)) {
                across.add(micros);
            } else {
                if (overlaps(c, controls)) {
                    control.add(micros);
                }
                others.add(micros);
            }
        }
        Collections.sort(across);
        Collections.sort(control);
        Collections.sort(others);
        System.out.println("FAILED CALLS " + failures.get());
        System.out.println("RESULT renewals=" + renewals.size() + " across=" + across.size() + " " + stats(across) + " others="
                + others.size() + " " + stats(others) + " control=" + control.size() + " " + stats(control));
        System.exit(0);
    }

    /**
     * @return this node's token requests since {@code fromMicros} as the simulator recorded them: {arrived, answered} in
     *         epoch microseconds
     */
    static List<long[]> renewals(URI login, long fromMicros) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(login + "/_simulator/token-requests"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("the simulator's token requests: HTTP " + answer.statusCode());
        }
        List<long[]> renewals = new ArrayList<>();
        try (JsonReader reader = Json.createReader(new StringReader(answer.body()))) {
            for (JsonValue v : reader.readArray()) {
                JsonObject r = v.asJsonObject();
                long received = r.getJsonNumber("received_at_micros").longValue();
                if (USER_AGENT.equals(r.getString("user_agent", null)) && received >= fromMicros) {
                    renewals.add(new long[] {received, r.getJsonNumber("answered_at_micros").longValue()});
                }
            }
        }
        return renewals;
    }

    /** Epoch microseconds of {@link System#nanoTime()} readings: one wall-clock reading, then the monotonic clock. */
    static final class WallMicros {
        private final long nanoBase = System.nanoTime();
        private final long microsBase;

        WallMicros() {
            Instant now = Instant.now();
            microsBase = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        }

        long now(long nanoTime) {
            return microsBase + (nanoTime - nanoBase) / 1_000;
        }
    }

    private static boolean overlaps(long[] call, List<long[]> windows) {
        for (long[] w : windows) {
            if (call[0] < w[1] && call[1] > w[0]) {
                return true;
            }
        }
        return false;
    }

    /** @return for each renewal, a window as long, half the median period between renewals earlier, if it overlaps none */
    static List<long[]> controlWindows(List<long[]> renewals) {
        List<long[]> sorted = new ArrayList<>(renewals);
        sorted.sort((a, b) -> Long.compare(a[0], b[0]));
        List<Long> periods = new ArrayList<>();
        for (int i = 1; i < sorted.size(); i++) {
            periods.add(sorted.get(i)[0] - sorted.get(i - 1)[0]);
        }
        Collections.sort(periods);
        long shift = periods.isEmpty() ? TimeUnit.MILLISECONDS.toMicros(1500) : periods.get(periods.size() / 2) / 2;
        List<long[]> controls = new ArrayList<>();
        for (long[] r : sorted) {
            long[] c = {r[0] - shift, r[1] - shift};
            if (!overlaps(c, sorted)) {
                controls.add(c);
            }
        }
        return controls;
    }

    private static String stats(List<Long> micros) {
        return "p50=" + pct(micros, 0.5) + " p99=" + pct(micros, 0.99) + " max=" + pct(micros, 1.0);
    }

    private static String pct(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return "-";
        }
        int i = Math.min(sorted.size() - 1, Math.max(0, (int) Math.ceil(sorted.size() * p) - 1));
        return String.format(java.util.Locale.ROOT, "%.2f", sorted.get(i) / 1000.0);
    }
}
