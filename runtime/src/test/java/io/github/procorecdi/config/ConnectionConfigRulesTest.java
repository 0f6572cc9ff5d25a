package io.github.procorecdi.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.github.procorecdi.GrantType;
import io.github.procorecdi.ProcoreConfigurationException;

/**
 * The rules of a connection's settings hold however the configuration is built: in code through the builder (Java SE
 * tools, benchmarks, cluster nodes) exactly as from properties at deployment, every problem at once, each naming its
 * property once, no secret quoted.
 */
class ConnectionConfigRulesTest {
    private static final String SECRET = "CLIENT-SECRET-VALUE-7f3a";

    @Test
    void theBuilderReportsEveryBrokenRuleNamingItsProperty() {
        ConnectionConfig.Builder b = ConnectionConfig.builder("x").client(null, SECRET).grantType(GrantType.AUTHORIZATION_CODE)
                .redirectUri("http://app.example/callback").urls(URI.create("ftp://login.example"), URI.create("https://api.example?x=1"))
                .companyId("abc").userAgent("bad\nagent").refreshAhead(Duration.ofSeconds(-1))
                .timeouts(Duration.ZERO, Duration.ofSeconds(30)).maxRetries(11).notConnectedPause(Duration.ofMinutes(-5));

        Throwable thrown = catchThrowable(b::build);

        assertThat(thrown).as("build() of a broken configuration").isInstanceOf(ProcoreConfigurationException.class);
        ProcoreConfigurationException e = (ProcoreConfigurationException) thrown;
        assertThat(properties(e.problems())).containsExactlyInAnyOrder("procore.x.client-id", "procore.x.redirect-uri",
                "procore.x.login-url", "procore.x.api-url", "procore.x.company-id", "procore.x.user-agent",
                "procore.x.refresh-ahead", "procore.x.connect-timeout", "procore.x.max-retries", "procore.x.not-connected-pause");
        assertThat(e.getMessage()).doesNotContain(SECRET).contains("uses http with a non-loopback host");
    }

    @Test
    void aValidConfigurationBuildsAndKeepsItsValues() {
        ConnectionConfig c = ConnectionConfig.builder("ok").client("id", SECRET).grantType(GrantType.AUTHORIZATION_CODE)
                .redirectUri(ConnectionConfig.OOB_REDIRECT_URI).urls(URI.create("http://127.0.0.1:8089"), URI.create("http://localhost:8089"))
                .companyId("42").refreshAhead(Duration.ZERO).maxRetries(0).build();

        assertThat(c.isInstalledApp()).isTrue();
        assertThat(c.companyId()).isEqualTo("42");
        assertThat(c.toString()).doesNotContain(SECRET);
    }

    @Test
    void propertiesAreJudgedByTheSameRulesAndEachProblemIsReportedOnce() {
        Map<String, String> p = Map.ofEntries(Map.entry("procore.x.client-secret", SECRET),
                Map.entry("procore.x.redirect-uri", "http://app.example/callback"), Map.entry("procore.x.login-url", "ftp://login.example"),
                Map.entry("procore.x.api-url", "https://api.example?x=1"), Map.entry("procore.x.company-id", "abc"),
                Map.entry("procore.x.refresh-ahead", "-PT1S"), Map.entry("procore.x.connect-timeout", "PT0S"),
                Map.entry("procore.x.max-retries", "11"), Map.entry("procore.x.not-connected-pause", "-PT5M"),
                Map.entry("procore.x.read-timeout", "soon"));
        ConfigProblems problems = new ConfigProblems();

        Optional<ConnectionConfig> read = new ConnectionConfigReader(ConfigLookup.of(p)).read("x", problems);

        assertThat(read).isEmpty();
        assertThat(properties(problems.list())).containsExactlyInAnyOrder("procore.x.client-id", "procore.x.redirect-uri",
                "procore.x.login-url", "procore.x.api-url", "procore.x.company-id", "procore.x.refresh-ahead",
                "procore.x.connect-timeout", "procore.x.max-retries", "procore.x.not-connected-pause", "procore.x.read-timeout");
        assertThat(String.join("\n", problems.list())).doesNotContain(SECRET).contains("'soon' is not an ISO-8601 duration");
    }

    @Test
    void anUnreadableGrantTypeIsReportedWithoutTheNoiseOfAnotherGrantsRules() {
        ConfigProblems problems = new ConfigProblems();

        new ConnectionConfigReader(ConfigLookup.of(Map.of("procore.g.client-id", "id", "procore.g.client-secret", SECRET,
                "procore.g.grant-type", "password"))).read("g", problems);

        assertThat(properties(problems.list())).containsExactly("procore.g.grant-type");
    }

    @Test
    void theActivityIntervalIsReadWithinItsBounds() {
        Map<String, String> base = Map.of("procore.h.grant-type", "client_credentials", "procore.h.client-id", "id",
                "procore.h.client-secret", SECRET);
        assertThat(read(base, null).orElseThrow().health().activityInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(read(base, "PT0.2S").orElseThrow().health().activityInterval()).isEqualTo(Duration.ofMillis(200));
        for (String wrong : List.of("PT0S", "PT0.05S", "PT2H", "-PT1M", "often")) {
            ConfigProblems problems = new ConfigProblems();
            Map<String, String> p = new java.util.HashMap<>(base);
            p.put("procore.h.health.activity-interval", wrong);
            assertThat(new ConnectionConfigReader(ConfigLookup.of(p)).read("h", problems)).as(wrong).isEmpty();
            assertThat(properties(problems.list())).as(wrong).containsExactly("procore.h.health.activity-interval");
        }
    }

    private static Optional<ConnectionConfig> read(Map<String, String> base, String interval) {
        Map<String, String> p = new java.util.HashMap<>(base);
        if (interval != null) {
            p.put("procore.h.health.activity-interval", interval);
        }
        ConfigProblems problems = new ConfigProblems();
        Optional<ConnectionConfig> read = new ConnectionConfigReader(ConfigLookup.of(p)).read("h", problems);
        assertThat(problems.list()).isEmpty();
        return read;
    }

    private static List<String> properties(List<String> problems) {
        return problems.stream().map(line -> line.substring(0, line.indexOf(':'))).collect(Collectors.toList());
    }
}
