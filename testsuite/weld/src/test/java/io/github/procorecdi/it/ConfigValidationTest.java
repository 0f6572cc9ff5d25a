package io.github.procorecdi.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.TreeMap;

import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.ProcoreConnection;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

/** Every configuration problem of every connection fails the deployment, all reported together, each naming its property. */
class ConfigValidationTest {

    @Dependent
    public static class UsesDefaultAndBroken {
        @Inject @ProcoreClient CompaniesApi companies;
        @Inject @ProcoreClient("broken") ProcoreConnection broken;
        @Inject @ProcoreClient("urls") ProcoreConnection urls;
    }

    @Dependent
    public static class UsesGhost {
        @Inject @ProcoreClient("ghost") CompaniesApi ghost;
    }

    @Dependent
    public static class UsesDefault {
        @Inject @ProcoreClient CompaniesApi companies;
        @Inject @ProcoreClient ProcoreConnection connection;
    }

    @Test
    void everyProblemOfEveryConnectionIsReportedInOneDeploymentError() {
        Map<String, String> config = new TreeMap<>();
        config.put("procore.default.grant-type", "password");               // unknown grant type
        config.put("procore.default.client-secret", "top-secret-value");    // client-id missing
        config.put("procore.broken.client-id", "abc");                      // client-secret missing
        config.put("procore.broken.refresh-ahead", "5 minutes");            // bad duration
        config.put("procore.broken.read-timeout", "PT0S");                  // not positive
        config.put("procore.broken.max-retries", "many");
        config.put("procore.broken.environment", "staging");
        config.put("procore.broken.token-store", "noSuchStore");
        config.put("procore.broken.web.after-login", "https://evil.example/");
        config.put("procore.broken.company-id", "acme");
        // authorization_code without redirect-uri
        config.put("procore.urls.client-id", "abc");
        config.put("procore.urls.client-secret", "another-secret");
        config.put("procore.urls.grant-type", "client_credentials");
        config.put("procore.urls.login-url", "ht tp://bad url");            // malformed
        config.put("procore.urls.api-url", "http://api.procore.example");    // http, not loopback

        assertThatThrownBy(() -> WeldBoot.boot(config, UsesDefaultAndBroken.class, CompaniesApi.class).close())
                .satisfies(e -> {
                    String all = describe(e);
                    assertThat(all).contains(
                            "procore.default.grant-type",
                            "procore.default.client-id: required",
                            "procore.broken.client-secret: required",
                            "procore.broken.redirect-uri: required",
                            "procore.broken.refresh-ahead",
                            "procore.broken.read-timeout",
                            "procore.broken.max-retries",
                            "procore.broken.environment",
                            "procore.broken.token-store",
                            "procore.broken.web.after-login",
                            "procore.broken.company-id",
                            "procore.urls.login-url",
                            "procore.urls.api-url");
                    assertThat(all).doesNotContain("top-secret-value").doesNotContain("another-secret");
                });
    }

    @Test
    void injectingAConnectionWithoutConfigurationFailsDeploymentNamingTheProperty() {
        assertThatThrownBy(() -> WeldBoot.boot(Map.of(), UsesGhost.class, CompaniesApi.class).close())
                .satisfies(e -> assertThat(describe(e))
                        .contains("procore.ghost.client-id: required")
                        .contains("procore.ghost.client-secret: required"));
    }

    @Test
    void aConnectionConfiguredButNotUsedHereDoesNotFailTheDeployment() {
        Map<String, String> config = new TreeMap<>(Sim.dmsa("default"));
        config.put("procore.other-app.client-id", "belongs-to-another-application"); // e.g. a server-wide system property
        try (WeldContainer c = WeldBoot.boot(config, UsesDefault.class, CompaniesApi.class)) {
            assertThat(c.select(UsesDefault.class).get().connection.name()).isEqualTo("default");
            assertThat(c.select(ProcoreConnection.class, ProcoreClient.Literal.of("other-app")).isResolvable()).isFalse();
        }
    }

    @Dependent
    public static class LooksUpOptionally {
        @Inject @ProcoreClient("optional") jakarta.enterprise.inject.Instance<ProcoreConnection> connection;
        @Inject @ProcoreClient("optional") jakarta.enterprise.inject.Instance<CompaniesApi> companies;
    }

    @Test
    void instanceLookupsRequireNoConfigurationAndResolveWhenConfigured() {
        Map<String, String> config = new TreeMap<>(Sim.dmsa("default"));
        try (WeldContainer c = WeldBoot.boot(config, LooksUpOptionally.class, CompaniesApi.class)) {
            LooksUpOptionally app = c.select(LooksUpOptionally.class).get();
            assertThat(app.connection.isResolvable()).isFalse();
            assertThat(app.companies.isResolvable()).isFalse();
        }
        config.putAll(Sim.dmsa("optional"));
        try (WeldContainer c = WeldBoot.boot(config, LooksUpOptionally.class, CompaniesApi.class)) {
            LooksUpOptionally app = c.select(LooksUpOptionally.class).get();
            assertThat(app.connection.get().name()).isEqualTo("optional");
            assertThat(app.companies.get().list()).hasSize(2);
        }
    }

    @Test
    void aValidConnectionConfiguredButNotInjectedIsStillAvailable() {
        Map<String, String> config = new TreeMap<>(Sim.dmsa("default"));
        config.putAll(Sim.dmsa("reports"));
        try (WeldContainer c = WeldBoot.boot(config, UsesDefault.class, CompaniesApi.class)) {
            ProcoreConnection reports = c.select(ProcoreConnection.class, ProcoreClient.Literal.of("reports")).get();
            assertThat(reports.accessToken().value()).isNotBlank();
        }
    }

    @Test
    void jdbcStoreNeedsADriverForItsUrlOrADataSource() {
        Map<String, String> config = new TreeMap<>(Sim.dmsa("default"));
        config.put("procore.default.token-store", "jdbc");
        config.put("procore.default.token-store.jdbc-url", "jdbc:nosuchdatabase://127.0.0.1/x");
        assertThatThrownBy(() -> WeldBoot.boot(config, UsesDefault.class, CompaniesApi.class).close())
                .satisfies(e -> assertThat(describe(e)).contains("procore.default.token-store.jdbc-url: no JDBC driver"));

        config.remove("procore.default.token-store.jdbc-url"); // Java SE: no JNDI data source either
        assertThatThrownBy(() -> WeldBoot.boot(config, UsesDefault.class, CompaniesApi.class).close())
                .satisfies(e -> assertThat(describe(e)).contains("procore.default.token-store.datasource")
                        .contains("java:comp/DefaultDataSource"));
    }

    /**
     * Issue 21 item 5: a table name PostgreSQL would truncate (over 63 bytes; here 60, whose {@code _webhooks} table would
     * have 69) fails the deployment, naming the property and the limit, and creates nothing; so does a name that is not a
     * plain identifier; a name that fits deploys.
     */
    @Test
    void aTableNameTooLongForTheDatabaseFailsTheDeployment() throws Exception {
        String table = ("procore_tokens_w" + Math.abs(java.util.concurrent.ThreadLocalRandom.current().nextInt())
                + "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx").substring(0, 60);
        Map<String, String> config = new TreeMap<>(Sim.dmsa("default"));
        config.put("procore.default.token-store", "jdbc");
        config.put("procore.default.token-store.jdbc-url", "jdbc:postgresql://127.0.0.1:5432/test");
        config.put("procore.default.token-store.username", "postgres");
        config.put("procore.default.token-store.table", table);
        assertThatThrownBy(() -> WeldBoot.boot(config, UsesDefault.class, CompaniesApi.class).close())
                .satisfies(e -> assertThat(describe(e)).contains("procore.default.token-store.table: '" + table + "' has 60 bytes")
                        .contains("PostgreSQL allows table names of at most 63 bytes").contains("at most 54 bytes"));
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
             java.sql.ResultSet r = c.getMetaData().getTables(null, null, table.substring(0, 50) + "%", null)) {
            assertThat(r.next()).as("no table created").isFalse();
        }

        config.put("procore.default.token-store.table", "procore-tokens; DROP TABLE x");
        assertThatThrownBy(() -> WeldBoot.boot(config, UsesDefault.class, CompaniesApi.class).close())
                .satisfies(e -> assertThat(describe(e)).contains("procore.default.token-store.table: 'procore-tokens; DROP TABLE x' "
                        + "is not a plain SQL table name"));

        String fits = table.substring(0, 54);
        config.put("procore.default.token-store.table", fits);
        try (WeldContainer c = WeldBoot.boot(config, UsesDefault.class, CompaniesApi.class)) {
            assertThat(c.select(UsesDefault.class).get().connection.accessToken().value()).isNotBlank();
        } finally {
            try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
                 java.sql.Statement s = c.createStatement()) {
                s.executeUpdate("DROP TABLE IF EXISTS " + fits);
                s.executeUpdate("DROP TABLE IF EXISTS " + fits + "_webhooks");
            }
        }
    }

    @Test
    void httpIsAcceptedOnlyForLoopbackHosts() {
        Map<String, String> config = new TreeMap<>(Sim.dmsa("default"));
        config.put("procore.default.login-url", "http://localhost:1");
        config.put("procore.default.api-url", "http://[::1]:1");
        try (WeldContainer c = WeldBoot.boot(config, UsesDefault.class, CompaniesApi.class)) {
            assertThat(c.select(UsesDefault.class).get().connection.name()).isEqualTo("default");
        }
        config.put("procore.default.api-url", "http://10.0.0.1");
        assertThatThrownBy(() -> WeldBoot.boot(config, UsesDefault.class, CompaniesApi.class).close())
                .satisfies(e -> assertThat(describe(e)).contains("procore.default.api-url").contains("https"));
    }

    @Test
    void redirectUriMustBeHttpsLoopbackHttpOrOutOfBand() {
        Map<String, String> config = new TreeMap<>(Sim.web("default", "http://app.example.com/callback"));
        assertThatThrownBy(() -> WeldBoot.boot(config, UsesDefault.class, CompaniesApi.class).close())
                .satisfies(e -> assertThat(describe(e)).contains("procore.default.redirect-uri"));

        for (String ok : new String[] {"https://app.example.com/procore/callback", "http://127.0.0.1:8080/cb",
                "urn:ietf:wg:oauth:2.0:oob"}) {
            config.put("procore.default.redirect-uri", ok);
            try (WeldContainer c = WeldBoot.boot(config, UsesDefault.class, CompaniesApi.class)) {
                assertThat(c.select(UsesDefault.class).get().connection.name()).isEqualTo("default");
            }
        }
    }

    @Test
    void environmentSelectsProcoreUrls() {
        Map<String, String> config = new TreeMap<>();
        config.put("procore.default.client-id", "id");
        config.put("procore.default.client-secret", "secret");
        config.put("procore.default.redirect-uri", "urn:ietf:wg:oauth:2.0:oob");
        config.put("procore.default.environment", "sandbox");
        try (WeldContainer c = WeldBoot.boot(config, UsesDefault.class, CompaniesApi.class)) {
            assertThat(c.select(UsesDefault.class).get().connection.authorizationUri("xyz").toString())
                    .startsWith("https://login-sandbox.procore.com/oauth/authorize?response_type=code&client_id=id")
                    .contains("redirect_uri=urn%3Aietf%3Awg%3Aoauth%3A2.0%3Aoob")
                    .endsWith("&state=xyz");
        }
    }

    static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(t).append('\n');
            for (Throwable s : t.getSuppressed()) {
                sb.append(s).append('\n');
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return sb.toString();
    }
}
