package io.github.procorecdi.extension;

import io.github.procorecdi.config.ConfigProblems;
import io.github.procorecdi.config.ConnectionConfigReader;
import io.github.procorecdi.config.MicroProfileConfigLookup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.github.procorecdi.GrantType;
import io.github.procorecdi.config.ConnectionConfig;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

class ConnectionConfigReaderTest {

    private static ConnectionConfigReader reader(Map<String, String> props) {
        return new ConnectionConfigReader(MicroProfileConfigLookup.of(new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(props, "t", 500)).build()));
    }

    @Test
    void defaultsFollowTheContract() {
        Map<String, String> p = new TreeMap<>();
        p.put("procore.default.client-id", "id");
        p.put("procore.default.client-secret", "very-secret");
        p.put("procore.default.redirect-uri", "https://app.example.com/procore/callback");
        ConfigProblems problems = new ConfigProblems();
        ConnectionConfig c = reader(p).read("default", problems).orElseThrow();

        assertThat(problems.isEmpty()).isTrue();
        assertThat(c.grantType()).isEqualTo(GrantType.AUTHORIZATION_CODE);
        assertThat(c.loginUrl()).hasToString("https://login.procore.com");
        assertThat(c.apiUrl()).hasToString("https://api.procore.com");
        assertThat(c.refreshAhead()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.readTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.maxRetries()).isEqualTo(3);
        assertThat(c.userAgent()).startsWith("procore-cdi/");
        assertThat(c.tokenStore().kind()).isEqualTo("memory");
        assertThat(c.tokenStore().table()).isEqualTo("procore_tokens");
        assertThat(c.web().loginPath()).isEqualTo("/procore/login");
        assertThat(c.web().callbackPath()).isEqualTo("/procore/callback");
        assertThat(c.web().logoutPath()).isEqualTo("/procore/logout");
        assertThat(c.web().afterLogin()).isEqualTo("/");
        assertThat(c.toString()).doesNotContain("very-secret");
    }

    @Test
    void monthlySandboxUrls() {
        Map<String, String> p = new TreeMap<>();
        p.put("procore.m.client-id", "id");
        p.put("procore.m.client-secret", "s");
        p.put("procore.m.grant-type", "client_credentials");
        p.put("procore.m.environment", "monthly-sandbox");
        ConnectionConfig c = reader(p).read("m", new ConfigProblems()).orElseThrow();
        assertThat(c.loginUrl()).hasToString("https://login-sandbox-monthly.procore.com");
        assertThat(c.apiUrl()).hasToString("https://api-monthly.procore.com");
        assertThat(c.redirectUri()).isNull();
    }

    @Test
    void configuredNamesComeFromClientIdsAndSecrets() {
        Map<String, String> p = new TreeMap<>();
        p.put("procore.a.client-id", "x");
        p.put("procore.b.client-secret", "x");
        p.put("procore.c.company-id", "1");
        p.put("other.d.client-id", "x");
        assertThat(reader(p).configuredNames()).containsExactly("a", "b");
    }

    @Test
    void loopbackAndRelativeChecks() {
        assertThat(io.github.procorecdi.internal.Hosts.isLoopback("localhost")).isTrue();
        assertThat(io.github.procorecdi.internal.Hosts.isLoopback("127.0.0.1")).isTrue();
        assertThat(io.github.procorecdi.internal.Hosts.isLoopback("127.10.0.3")).isTrue();
        assertThat(io.github.procorecdi.internal.Hosts.isLoopback("[::1]")).isTrue();
        assertThat(io.github.procorecdi.internal.Hosts.isLoopback("localhost.evil.com")).isFalse();
        assertThat(io.github.procorecdi.internal.Hosts.isLoopback("128.0.0.1")).isFalse();
        assertThat(io.github.procorecdi.internal.Hosts.isLoopback("127.0.0.1.nip.io")).isFalse();

        assertThat(ConnectionConfigReader.isRelative("/")).isTrue();
        assertThat(ConnectionConfigReader.isRelative("/projects?x=1")).isTrue();
        assertThat(ConnectionConfigReader.isRelative("//evil.example")).isFalse();
        assertThat(ConnectionConfigReader.isRelative("/\\evil.example")).isFalse();
        assertThat(ConnectionConfigReader.isRelative("https://evil.example")).isFalse();
        assertThat(ConnectionConfigReader.isRelative("javascript:alert(1)")).isFalse();
        assertThat(ConnectionConfigReader.isRelative("projects")).isFalse();
    }
}
