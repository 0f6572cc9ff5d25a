package io.github.procorecdi.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.procorecdi.ProcoreConnection;
import io.github.procorecdi.ProcoreConnections;

/**
 * One JVM of a token storm: {@code callers} threads make one API call each, released together at {@code at} (epoch
 * ms), through procore-cdi ({@code procore}) or Spring Security's OAuth2 client ({@code spring}). Prints one
 * {@code RESULT} line: calls failed, those that needed the user to sign in again, 401s, and caller latencies.
 * <p>
 * Arguments: {@code impl grant login api callers when [code|-] [jdbc-url|-]}; {@code grant} is {@code client_credentials} or
 * {@code refresh_token} (a user's pair from {@code code}, exchanged at start). Before {@code at} the node makes one
 * warm-up call, so a storm at expiry meets a held token.
 */
public final class StormNode {
    private StormNode() {
    }

    /** What a storm node's library does: make one authorized call, or tell that the user must sign in again. */
    interface Caller {
        /** @return the HTTP status of {@code GET /rest/v1.0/me} */
        int call() throws Exception;

        boolean needsSignIn(Throwable failure);
    }

    public static void main(String[] args) throws Exception {
        String impl = args[0];
        boolean user = args[1].equals("refresh_token");
        URI login = URI.create(args[2]);
        URI api = URI.create(args[3]);
        int callers = Integer.parseInt(args[4]);
        String when = args[5]; // -1: at once, no warm-up; +N: N ms after the warm-up call; else an epoch-ms instant
        String code = args.length > 6 && !args[6].equals("-") ? args[6] : null;
        String jdbc = args.length > 7 && !args[7].equals("-") ? args[7] : null;
        Caller caller = impl.equals("spring") ? SpringStormCaller.create(user, login, api, code, jdbc)
                : procore(user, login, api, code, jdbc);
        long at = 0;
        if (!when.equals("-1")) {
            caller.call(); // warm: the storm meets a held token (and a warmed JVM)
            at = when.startsWith("+") ? System.currentTimeMillis() + Long.parseLong(when.substring(1)) : Long.parseLong(when);
        }
        long releaseAt = at;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch ready = new CountDownLatch(callers);
        AtomicInteger unauthorized = new AtomicInteger();
        List<Future<Long>> calls = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            calls.add(pool.submit((Callable<Long>) () -> {
                ready.countDown();
                ready.await();
                long wait = releaseAt - System.currentTimeMillis();
                if (wait > 0) {
                    Thread.sleep(wait);
                }
                long t0 = System.nanoTime();
                int status = caller.call();
                if (status == 401) {
                    unauthorized.incrementAndGet();
                }
                if (status != 200) {
                    throw new IllegalStateException("HTTP " + status);
                }
                return TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - t0);
            }));
        }
        int failed = 0;
        int signIn = 0;
        List<Long> micros = new ArrayList<>();
        for (Future<Long> f : calls) {
            try {
                micros.add(f.get(120, TimeUnit.SECONDS));
            } catch (java.util.concurrent.ExecutionException e) {
                if (failed == 0) {
                    System.out.println("FIRST FAILURE " + e.getCause());
                }
                failed++;
                if (caller.needsSignIn(e.getCause())) {
                    signIn++;
                }
            }
        }
        pool.shutdownNow();
        boolean sessionLost;
        try {
            sessionLost = caller.call() != 200; // does the session survive the storm?
        } catch (Exception e) {
            sessionLost = true;
        }
        Collections.sort(micros);
        System.out.println("RESULT failed=" + failed + " signIn=" + signIn + " unauthorized=" + unauthorized.get() + " lost="
                + (sessionLost ? 1 : 0) + " p50=" + pct(micros, 0.50) + " p99=" + pct(micros, 0.99) + " max=" + pct(micros, 1.0));
        System.exit(0);
    }

    static long pct(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int i = Math.min(sorted.size() - 1, Math.max(0, (int) Math.ceil(sorted.size() * p) - 1));
        return sorted.get(i) / 1000; // ms
    }

    private static Caller procore(boolean user, URI login, URI api, String code, String jdbc) {
        Map<String, String> p = new HashMap<>(Map.of("login-url", login.toString(), "api-url", api.toString(), "user-agent", "storm",
                "refresh-ahead", "PT0S"));
        if (user) {
            p.putAll(Map.of("grant-type", "authorization_code", "client-id", Storms.WEB_CLIENT_ID, "client-secret",
                    Storms.WEB_CLIENT_SECRET, "redirect-uri", Storms.REDIRECT));
        } else {
            p.putAll(Map.of("grant-type", "client_credentials", "client-id", Storms.DMSA_CLIENT_ID, "client-secret",
                    Storms.DMSA_CLIENT_SECRET, "company-id", "101"));
        }
        if (jdbc != null) {
            p.putAll(Map.of("token-store", "jdbc", "token-store.jdbc-url", jdbc, "token-store.username", "postgres",
                    "token-store.table", "procore_storm_tokens"));
        }
        ProcoreConnection connection = ProcoreConnections.open("storm", p);
        if (user && code != null) {
            connection.forSubject("ada").exchangeCode(code);
        }
        MeApi me = (user ? connection.forSubject("ada") : connection).client(MeApi.class);
        return new Caller() {
            @Override
            public int call() {
                me.me();
                return 200;
            }

            @Override
            public boolean needsSignIn(Throwable failure) {
                return failure instanceof io.github.procorecdi.ProcoreAuthorizationRequiredException;
            }
        };
    }

    /** A plain GET of {@code /rest/v1.0/me} with a Bearer token (the Spring side's API call). */
    static int get(HttpClient http, URI api, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(api.resolve("/rest/v1.0/me")).header("Authorization", "Bearer " + token)
                .header("Procore-Company-Id", "101") // as the procore-cdi side sends (a service account must name a company)
                .timeout(Duration.ofSeconds(30)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
