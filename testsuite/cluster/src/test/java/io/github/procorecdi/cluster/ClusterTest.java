package io.github.procorecdi.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.procorecdi.config.ConnectionConfig;
import io.github.procorecdi.config.TokenStoreConfig;
import io.github.procorecdi.servers.Browser;
import io.github.procorecdi.simulator.ProcoreSimulator;
import io.github.procorecdi.internal.StoreKeys;
import io.github.procorecdi.token.JdbcConnections;
import io.github.procorecdi.token.JdbcTokenStore;
import io.github.procorecdi.token.TokenCipher;
import io.github.procorecdi.token.TokenEndpoint;

/**
 * Three JVMs, each a Weld SE application with the same {@code token-store=jdbc} connection on
 * PostgreSQL, all find the shared access token expired at the same instant: 3 x 40 threads, one
 * single-use refresh token. Exactly one refresh may reach Procore, and every call must succeed.
 */
class ClusterTest {
    static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String REDIRECT = "http://localhost:8080/procore/callback";
    final String table = "procore_tokens_cluster" + Math.abs(ThreadLocalRandom.current().nextInt());
    ProcoreSimulator sim;

    @AfterEach
    void stop() throws Exception {
        if (sim != null) {
            sim.close();
        }
        try (Connection c = DriverManager.getConnection(URL, "postgres", null); Statement s = c.createStatement()) {
            s.executeUpdate("DROP TABLE IF EXISTS " + table);
        }
    }

    @Test
    void threeJvmsRefreshingAtOnceRedeemTheRefreshTokenOnce() throws Exception {
        sim = ProcoreSimulator.start();
        sim.accessTokenLifetime(Duration.ofSeconds(2));

        // the user signed in earlier, on some node: the pair is in the shared table
        ConnectionConfig config = ConnectionConfig.builder("default").client(ProcoreSimulator.WEB_CLIENT_ID, ProcoreSimulator.WEB_CLIENT_SECRET)
                .redirectUri(REDIRECT).urls(sim.loginUrl(), sim.apiUrl()).userAgent("cluster-test").refreshAhead(Duration.ZERO)
                .tokenStore(TokenStoreConfig.jdbc(URL, "postgres", null, table)).build();
        String code = code();
        new JdbcTokenStore(JdbcConnections.of(URL, "postgres", null), table, TokenCipher.none(), true)
                .save(StoreKeys.of(config), "default", new TokenEndpoint(config, Clock.systemUTC()).exchangeCode(code));
        sim.accessTokenLifetime(Duration.ofSeconds(5400));
        sim.faults().tokenDelay(Duration.ofMillis(300));

        Instant start = Instant.now().plusSeconds(8); // after every JVM has booted, and after the 2 s token expired
        Map<String, String> props = new TreeMap<>();
        props.put("procore.default.client-id", ProcoreSimulator.WEB_CLIENT_ID);
        props.put("procore.default.client-secret", ProcoreSimulator.WEB_CLIENT_SECRET);
        props.put("procore.default.redirect-uri", REDIRECT);
        props.put("procore.default.login-url", sim.loginUrl().toString());
        props.put("procore.default.api-url", sim.apiUrl().toString());
        props.put("procore.default.refresh-ahead", "PT0S");
        props.put("procore.default.token-store", "jdbc");
        props.put("procore.default.token-store.jdbc-url", URL);
        props.put("procore.default.token-store.username", "postgres");
        props.put("procore.default.token-store.table", table);

        List<Process> nodes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:TieredStopAtLevel=1"));
            props.forEach((k, v) -> command.add("-D" + k + "=" + v));
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), ClusterNode.class.getName(), start.toString(), "40"));
            nodes.add(new ProcessBuilder(command).redirectErrorStream(true).start());
        }
        List<String> results = new ArrayList<>();
        for (Process node : nodes) {
            String output;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
                output = out.lines().collect(Collectors.joining("\n"));
            }
            assertThat(node.waitFor(90, TimeUnit.SECONDS)).isTrue();
            results.add(output.lines().filter(l -> l.startsWith("RESULT") || l.startsWith("FAILURE")).collect(Collectors.joining("; ")));
        }
        System.out.println("cluster: " + results + ", refresh requests: " + sim.counters().tokenRequests("refresh_token")
                + ", API 200: " + sim.counters().apiResponses(200) + ", API 401: " + sim.counters().apiResponses(401));
        assertThat(results).containsOnly("RESULT ok=40 failed=0");
        assertThat(sim.counters().tokenRequests("refresh_token")).isEqualTo(1);
        assertThat(sim.counters().apiResponses(200)).isEqualTo(120);
    }

    private String code() throws Exception {
        String authorize = sim.loginUrl() + "/oauth/authorize?response_type=code&client_id=" + ProcoreSimulator.WEB_CLIENT_ID
                + "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&state=s";
        String callback = new Browser().approve(authorize, "ada@example.com", ProcoreSimulator.PASSWORD, "allow");
        String code = callback.replaceAll(".*[?&]code=([^&]+).*", "$1");
        return java.net.URLDecoder.decode(code, StandardCharsets.UTF_8);
    }
}
