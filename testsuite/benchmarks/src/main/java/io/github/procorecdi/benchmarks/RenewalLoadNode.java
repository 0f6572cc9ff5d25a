package io.github.procorecdi.benchmarks;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.github.procorecdi.GrantType;
import io.github.procorecdi.client.ClientScope;
import io.github.procorecdi.config.ConnectionConfig;
import io.github.procorecdi.connection.ConnectionRuntime;
import io.github.procorecdi.connection.ContainerServices;
import io.github.procorecdi.telemetry.ConnectionMetrics;
import io.github.procorecdi.telemetry.Telemetry;

/**
 * Steady load across token renewals, in its own JVM: {@code threads} callers call a service account's API without
 * pause for {@code millis}; each token request's start and end are recorded through the telemetry SPI. Prints the
 * caller latencies of calls that overlapped a token request and of all others. Arguments:
 * {@code login api refresh-ahead(ISO) threads millis}.
 */
public final class RenewalLoadNode {
    private RenewalLoadNode() {
    }

    public static void main(String[] args) throws Exception {
        URI login = URI.create(args[0]);
        URI api = URI.create(args[1]);
        Duration ahead = Duration.parse(args[2]);
        int threads = Integer.parseInt(args[3]);
        long millis = Long.parseLong(args[4]);
        List<long[]> renewals = new CopyOnWriteArrayList<>();
        ConnectionMetrics recording = new ConnectionMetrics() {
            @Override
            public TokenRequest tokenRequest(String grant) {
                long start = System.nanoTime();
                return outcome -> renewals.add(new long[] {start, System.nanoTime()});
            }
        };
        ConnectionConfig config = ConnectionConfig.builder("load").grantType(GrantType.CLIENT_CREDENTIALS)
                .client(Storms.DMSA_CLIENT_ID, Storms.DMSA_CLIENT_SECRET).urls(login, api).companyId("101").userAgent("load")
                .refreshAhead(ahead).build();
        ConnectionRuntime runtime = new ConnectionRuntime(config, new ContainerServices() {
            @Override
            public Telemetry telemetry() {
                return (connection, grant, remaining) -> recording;
            }
        }, Clock.systemUTC());
        MeApi me = runtime.clients().build(MeApi.class, ClientScope.NONE);
        for (int i = 0; i < 200; i++) {
            me.me(); // warm
        }
        renewals.clear();
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
                    mine.add(new long[] {s, System.nanoTime()});
                }
                calls.addAll(mine);
            });
        }
        pool.shutdown();
        pool.awaitTermination(millis + 60_000, TimeUnit.MILLISECONDS);
        // Control: windows as long as each renewal, half a renewal period earlier, overlapping none. Calls overlapping a
        // renewal are clustered in a few short windows, so any hiccup of the machine there (a GC, a compilation, another
        // process) moves their p99 more than the p99 of calls spread over the whole run; the control windows are clustered
        // alike, and show how much of a difference that alone makes.
        List<long[]> controls = controlWindows(renewals);
        List<Long> across = new ArrayList<>();
        List<Long> control = new ArrayList<>();
        List<Long> others = new ArrayList<>();
        for (long[] c : calls) {
            long micros = (c[1] - c[0]) / 1000;
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
        long shift = periods.isEmpty() ? TimeUnit.MILLISECONDS.toNanos(1500) : periods.get(periods.size() / 2) / 2;
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
