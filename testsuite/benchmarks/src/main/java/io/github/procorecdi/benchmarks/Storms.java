package io.github.procorecdi.benchmarks;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.procorecdi.ProcoreConnection;
import io.github.procorecdi.ProcoreConnections;
import io.github.procorecdi.servers.Browser;
import io.github.procorecdi.simulator.ProcoreSimulator;

/**
 * Token storms in separate JVMs against the simulator (token answers take 50 ms, tokens live 5 s, refresh tokens are
 * single-use): 200 callers at first demand, 200 ms past a token's expiry (client credentials, and a user's rotating
 * refresh token), and two and three JVMs sharing one PostgreSQL store; each run through procore-cdi and through Spring
 * Security's OAuth2 client, side by side. Counts come from the simulator (token requests, {@code invalid_grant}) and
 * from the nodes (failed callers, 401s, sessions lost, caller latencies).
 */
public final class Storms {
    static final String WEB_CLIENT_ID = ProcoreSimulator.WEB_CLIENT_ID;
    static final String WEB_CLIENT_SECRET = ProcoreSimulator.WEB_CLIENT_SECRET;
    static final String DMSA_CLIENT_ID = ProcoreSimulator.DMSA_CLIENT_ID;
    static final String DMSA_CLIENT_SECRET = ProcoreSimulator.DMSA_CLIENT_SECRET;
    static final String REDIRECT = "http://127.0.0.1:8080/procore/callback";
    static final Duration LIFETIME = Duration.ofSeconds(5);
    static final String JDBC = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final Pattern RESULT = Pattern.compile(
            "RESULT failed=(\\d+) signIn=(\\d+) unauthorized=(\\d+) lost=(\\d+) p50=(\\d+) p99=(\\d+) max=(\\d+)");

    private Storms() {
    }

    /**
     * The storms alone: {@code java -cp benchmarks.jar io.github.procorecdi.benchmarks.Storms [smoke]}; the renewal rounds
     * alone: {@code ... Storms renewals [smoke]}.
     */
    public static void main(String[] args) throws Exception {
        boolean renewalsOnly = args.length > 0 && args[0].equals("renewals");
        boolean smoke = List.of(args).contains("smoke");
        if (renewalsOnly) {
            try (ProcoreSimulator sim = ProcoreSimulator.start()) {
                System.out.println(renewals(sim, smoke, new Targets()));
            }
        } else {
            System.out.println(table(smoke, new Targets()));
        }
    }

    record Outcome(int tokenRequests, int invalidGrant, int failed, int unauthorized, int sessionsLost, long p50, long p99, long max) {
        String row(String scenario, String impl) {
            return "| " + scenario + " | " + impl + " | " + tokenRequests + " | " + invalidGrant + " | " + failed + " | " + unauthorized
                    + " | " + sessionsLost + " | " + p50 + " / " + p99 + " / " + max + " ms |";
        }
    }

    static String table(boolean smoke, Targets targets) throws Exception {
        int callers = smoke ? 20 : 200;
        StringBuilder t = new StringBuilder("Each row: " + callers + " callers per JVM released together. Token requests (made by the storm, "
                + "not by the warm-up or the sign-in) and `invalid_grant` as the simulator counted them; a session is lost when the user's stored pair no longer works after the storm.\n\n"
                + "| storm | library | token requests | invalid_grant | failed callers | 401s | sessions lost | caller p50 / p99 / max |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        try (ProcoreSimulator sim = ProcoreSimulator.start()) {
            for (String impl : List.of("procore-cdi", "spring")) {
                add(t, targets, impl, "first demand, client credentials",
                        run(sim, impl, "first demand, client credentials", "client_credentials", callers, "-1", 1));
            }
            for (String impl : List.of("procore-cdi", "spring")) {
                add(t, targets, impl, "200 ms past expiry, client credentials", run(sim, impl, "expiry", "client_credentials", callers, "+", 1));
            }
            for (String impl : List.of("procore-cdi", "spring")) {
                add(t, targets, impl, "200 ms past expiry, rotating refresh token", run(sim, impl, "expiry", "refresh_token", callers, "+", 1));
            }
            for (int jvms = 2; jvms <= 3; jvms++) {
                for (String impl : List.of("procore-cdi", "spring")) {
                    add(t, targets, impl, jvms + " JVMs, one PostgreSQL store, 200 ms past expiry, rotating refresh token",
                            run(sim, impl, jvms + " JVMs", "refresh_token", callers, "jdbc", jvms));
                }
            }
            t.append("\nBoth libraries renew at expiry here (procore-cdi `refresh-ahead=0`, Spring `clockSkew=0`), so that each storm "
                    + "meets an expired token; with its default refresh-ahead procore-cdi renews in the background before expiry (next "
                    + "table). In the storms over several JVMs Spring uses its `JdbcOAuth2AuthorizedClientService` on the same database.\n\n");
            t.append(renewals(sim, smoke, targets));
        }
        return t.toString();
    }

    /** Steady load across renewals with refresh-ahead (the default, in the background) and without (at expiry). */
    /** Appends the storm's row; procore-cdi's outcomes are what the storm targets are judged by. */
    private static void add(StringBuilder t, Targets targets, String impl, String scenario, Outcome o) {
        if (impl.equals("procore-cdi")) {
            targets.max("storms.procore.tokenRequests", o.tokenRequests());
            targets.max("storms.procore.failed", o.failed());
            targets.max("storms.procore.lost", o.sessionsLost());
        }
        t.append(o.row(scenario, impl)).append('\n');
    }

    /** Rounds of the background-renewal load; its ratios are judged by their median, their spread shown. */
    static final int RENEWAL_ROUNDS = 5;

    private static String renewals(ProcoreSimulator sim, boolean smoke, Targets targets) throws Exception {
        StringBuilder t = new StringBuilder("### Calls across a token renewal (procore-cdi, one JVM, 8 callers without pause, "
                + "token answers taking 200 ms, 5-second tokens)\n\n| refresh-ahead | token requests | calls overlapping one: p50 / p99 / "
                + "max | control windows: p50 / p99 / max | all other calls: p50 / p99 / max |\n|---|---|---|---|---|\n");
        List<Double> acrossRatios = new ArrayList<>();
        List<Double> controlRatios = new ArrayList<>();
        List<String> rounds = new ArrayList<>();
        for (int i = 0; i <= (smoke ? 1 : RENEWAL_ROUNDS); i++) {
            String ahead = i == 0 ? "PT0S" : "PT2S";
            sim.reset();
            sim.accessTokenLifetime(LIFETIME);
            sim.faults().tokenDelay(Duration.ofMillis(200));
            sim.rateLimit(10_000_000, Duration.ofHours(1)); // the load is not about Procore's rate limit
            Process p = ChildJvm.start(List.of("-Xmx256m"), RenewalLoadNode.class, sim.loginUrl().toString(), sim.apiUrl().toString(), ahead, "8",
                    smoke ? "3000" : "16000");
            String line = ChildJvm.resultLine(p, "RESULT renewals=");
            Matcher m = Pattern.compile("renewals=(\\d+) across=(\\d+) p50=(\\S+) p99=(\\S+) max=(\\S+) others=(\\d+) p50=(\\S+) p99=(\\S+) "
                    + "max=(\\S+) control=(\\d+) p50=(\\S+) p99=(\\S+) max=(\\S+)").matcher(line);
            if (!m.find()) {
                throw new IllegalStateException("unexpected result: " + line);
            }
            if (!ahead.equals("PT0S") && !m.group(4).equals("-") && !m.group(12).equals("-")) {
                double others = Double.parseDouble(m.group(8));
                acrossRatios.add(Double.parseDouble(m.group(4)) / others);
                controlRatios.add(Double.parseDouble(m.group(12)) / others);
                rounds.add(String.format(java.util.Locale.ROOT, "%.2f / %.2f", Double.parseDouble(m.group(4)) / others,
                        Double.parseDouble(m.group(12)) / others));
            }
            t.append("| ").append(ahead.equals("PT0S") ? "0 (renew at expiry)" : "2 s (in the background), round " + i).append(" | ")
                    .append(m.group(1)).append(" | ").append(m.group(3)).append(" / ").append(m.group(4)).append(" / ").append(m.group(5))
                    .append(" ms (").append(m.group(2)).append(" calls) | ").append(m.group(11)).append(" / ").append(m.group(12))
                    .append(" / ").append(m.group(13)).append(" ms (").append(m.group(10)).append(" calls) | ").append(m.group(7))
                    .append(" / ").append(m.group(8)).append(" / ").append(m.group(9)).append(" ms (").append(m.group(6)).append(" calls) |\n");
        }
        if (acrossRatios.isEmpty()) {
            if (!smoke) {
                throw new IllegalStateException("no round had calls overlapping a renewal and calls in a control window");
            }
            acrossRatios.add(Double.NaN); // a smoke run may be too short for a renewal
            controlRatios.add(Double.NaN);
        }
        targets.put("renewal.across.ratio", median(acrossRatios));
        targets.put("renewal.control.ratio", median(controlRatios));
        t.append("\nControl windows: as long as each renewal, half a renewal period earlier, overlapping none. Calls overlapping a "
                + "renewal come in a few short windows, so a hiccup of the machine there (a collection, a compilation, another process) "
                + "moves their p99 more than that of calls spread over the run; the control windows come in clusters alike and show "
                + "how much that alone makes. p99 ratios to all other calls, per round (overlapping / control): ")
                .append(String.join("; ", rounds)).append(String.format(java.util.Locale.ROOT,
                        ". Median overlapping %.2f (%.2f to %.2f), control %.2f (%.2f to %.2f).\n", median(acrossRatios),
                        java.util.Collections.min(acrossRatios), java.util.Collections.max(acrossRatios), median(controlRatios),
                        java.util.Collections.min(controlRatios), java.util.Collections.max(controlRatios)));
        return t.toString();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        java.util.Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static Outcome run(ProcoreSimulator sim, String impl, String scenario, String grant, int callers, String when,
                               int jvms) throws Exception {
        boolean shared = jvms > 1;
        sim.reset();
        sim.accessTokenLifetime(LIFETIME);
        sim.faults().tokenDelay(Duration.ofMillis(50));
        boolean user = grant.equals("refresh_token");
        List<Process> nodes = new ArrayList<>();
        int requestsBefore = sim.counters().tokenRequests(grant) + (user ? sim.counters().tokenRequests("authorization_code") : 0);
        if (shared) {
            boolean spring = impl.equals("spring");
            dropTables();
            long exchangedAt;
            if (spring) {
                exec(SpringStormCaller.SCHEMA);
                SpringStormCaller.signInToJdbc(sim.loginUrl(), code(sim), JDBC);
                exchangedAt = System.currentTimeMillis();
            } else {
                exchangedAt = exchangeIntoJdbc(sim, code(sim));
            }
            String at = Long.toString(exchangedAt + LIFETIME.toMillis() + 200);
            for (int i = 0; i < jvms; i++) {
                nodes.add(node(spring ? "spring" : "procore", grant, sim, callers, at, "-", JDBC));
            }
            requestsBefore = sim.counters().tokenRequests(grant);
        } else {
            String at = when.equals("+") ? "+" + (LIFETIME.toMillis() + 200) : when;
            nodes.add(node(impl.equals("spring") ? "spring" : "procore", grant, sim, callers, at, user ? code(sim) : "-", "-"));
        }
        int failed = 0;
        int unauthorized = 0;
        int lost = 0;
        long p50 = 0;
        long p99 = 0;
        long max = 0;
        for (Process p : nodes) {
            Matcher m = result(p);
            failed += Integer.parseInt(m.group(1));
            unauthorized += Integer.parseInt(m.group(3));
            lost = Math.max(lost, Integer.parseInt(m.group(4)));
            p50 = Math.max(p50, Long.parseLong(m.group(5)));
            p99 = Math.max(p99, Long.parseLong(m.group(6)));
            max = Math.max(max, Long.parseLong(m.group(7)));
        }
        int requests = sim.counters().tokenRequests(grant) + (user && !shared ? sim.counters().tokenRequests("authorization_code") : 0)
                - requestsBefore;
        if (user && !shared) {
            requests -= 1; // the sign-in's code exchange
        }
        if (!user && when.equals("+")) {
            requests -= 1; // the warm-up call's token, before the storm
        }
        return new Outcome(requests, sim.counters().tokenErrors("invalid_grant"), failed, unauthorized, lost, p50, p99, max);
    }

    private static Process node(String impl, String grant, ProcoreSimulator sim, int callers, String at, String code, String jdbc)
            throws Exception {
        return ChildJvm.start(List.of("-Xmx256m"), StormNode.class, impl, grant, sim.loginUrl().toString(), sim.apiUrl().toString(),
                Integer.toString(callers), at, code, jdbc);
    }

    private static Matcher result(Process p) throws Exception {
        Matcher m = RESULT.matcher(ChildJvm.resultLine(p, "RESULT failed="));
        if (!m.find()) {
            throw new IllegalStateException("unexpected storm result");
        }
        return m;
    }

    /** A user's authorization code, through the simulator's sign-in page. */
    private static String code(ProcoreSimulator sim) throws Exception {
        String authorize = sim.loginUrl() + "/oauth/authorize?response_type=code&client_id=" + WEB_CLIENT_ID + "&redirect_uri="
                + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&state=s";
        String callback = new Browser().approve(authorize, "ada@example.com", ProcoreSimulator.PASSWORD, "allow");
        return URLDecoder.decode(callback.replaceAll(".*[?&]code=([^&]+).*", "$1"), StandardCharsets.UTF_8);
    }

    private static long exchangeIntoJdbc(ProcoreSimulator sim, String code) {
        ProcoreConnection connection = ProcoreConnections.open("storm", Map.of("grant-type", "authorization_code", "client-id",
                WEB_CLIENT_ID, "client-secret", WEB_CLIENT_SECRET, "redirect-uri", REDIRECT, "login-url", sim.loginUrl().toString(),
                "api-url", sim.apiUrl().toString(), "token-store", "jdbc", "token-store.jdbc-url", JDBC,
                "token-store.username", "postgres", "token-store.table", "procore_storm_tokens"));
        try {
            connection.forSubject("ada").exchangeCode(code);
            return System.currentTimeMillis();
        } finally {
            ProcoreConnections.close(connection);
        }
    }

    private static void dropTables() throws Exception {
        exec("DROP TABLE IF EXISTS procore_storm_tokens");
        exec("DROP TABLE IF EXISTS procore_storm_tokens_webhooks");
        exec("DROP TABLE IF EXISTS oauth2_authorized_client");
    }

    private static void exec(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(JDBC, "postgres", ""); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
