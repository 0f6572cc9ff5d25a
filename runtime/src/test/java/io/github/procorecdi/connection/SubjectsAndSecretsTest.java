package io.github.procorecdi.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.github.procorecdi.GrantType;
import io.github.procorecdi.ProcoreException;
import io.github.procorecdi.config.ConnectionConfig;
import io.github.procorecdi.config.TokenStoreConfig;
import io.github.procorecdi.store.jdbc.JdbcConnections;
import io.github.procorecdi.client.RequestSubjects;
import io.github.procorecdi.client.Subjects;

/** Subjects off the request thread (item 10) and secrets in JDBC URLs (item 11). */
class SubjectsAndSecretsTest {

    @Test
    void inAWebApplicationACallOffTheRequestThreadFailsNamingForSubject() throws Exception {
        Subjects web = new Subjects("c", GrantType.AUTHORIZATION_CODE, () -> null, () -> true);
        Throwable failure = CompletableFuture.supplyAsync(web::current).handle((s, e) -> e).get(5, TimeUnit.SECONDS);
        assertThat(failure).hasRootCauseInstanceOf(ProcoreException.class).rootCause().hasMessageContaining("forSubject");

        java.util.function.Supplier<String> previous = RequestSubjects.enter(() -> "default");
        try {
            assertThat(web.current()).as("a user named 'default' is that user, not a shared fallback").isEqualTo("default");
        } finally {
            RequestSubjects.restore(previous);
        }
        assertThat(new Subjects("c", GrantType.AUTHORIZATION_CODE, () -> null, () -> false).current())
                .as("Java SE, installed apps").isEqualTo(Subjects.DEFAULT);
        assertThat(new Subjects("c", GrantType.CLIENT_CREDENTIALS, () -> null, () -> true).current()).isEqualTo(Subjects.SERVICE_ACCOUNT);
    }

    @Test
    void jdbcUrlSecretsAreMaskedInToStringAndMessages() {
        String url = "jdbc:postgresql://db.example:5432/app?user=app&password=PG-SECRET-1&ssl=true";
        TokenStoreConfig store = TokenStoreConfig.jdbc(url, "app", "PG-SECRET-2", "t");
        assertThat(store.toString()).doesNotContain("PG-SECRET-1").doesNotContain("PG-SECRET-2").contains("password=****");
        assertThat(JdbcConnections.mask("jdbc:mysql://app:MY-SECRET@db/x")).doesNotContain("MY-SECRET");
        assertThat(JdbcConnections.mask("jdbc:sqlserver://h;user=a;password=MS-SECRET;encrypt=true")).doesNotContain("MS-SECRET")
                .contains("encrypt=true");
        ConnectionConfig config = ConnectionConfig.builder("x").client("id", "CLIENT-SECRET").grantType(io.github.procorecdi.GrantType.CLIENT_CREDENTIALS).tokenStore(store).build();
        assertThat(config.toString()).doesNotContain("PG-SECRET").doesNotContain("CLIENT-SECRET");
    }

    @Test
    void storeKeysSeparateClientsAndEnvironmentsButNotPorts() {
        ConnectionConfig a = ConnectionConfig.builder("default").client("app-a", "s").grantType(io.github.procorecdi.GrantType.CLIENT_CREDENTIALS).build();
        ConnectionConfig b = ConnectionConfig.builder("default").client("app-b", "s").grantType(io.github.procorecdi.GrantType.CLIENT_CREDENTIALS).build();
        ConnectionConfig sandbox = ConnectionConfig.builder("default").client("app-a", "s").grantType(io.github.procorecdi.GrantType.CLIENT_CREDENTIALS)
                .environment(io.github.procorecdi.config.ProcoreEnvironment.SANDBOX).build();
        ConnectionConfig sim1 = ConnectionConfig.builder("default").client("app-a", "s").grantType(io.github.procorecdi.GrantType.CLIENT_CREDENTIALS)
                .urls(URI.create("http://127.0.0.1:1111"), URI.create("http://127.0.0.1:1111")).build();
        ConnectionConfig sim2 = ConnectionConfig.builder("default").client("app-a", "s").grantType(io.github.procorecdi.GrantType.CLIENT_CREDENTIALS)
                .urls(URI.create("http://127.0.0.1:2222"), URI.create("http://127.0.0.1:2222")).build();
        assertThat(StoreKeys.of(a)).startsWith("default@").isNotEqualTo(StoreKeys.of(b)).isNotEqualTo(StoreKeys.of(sandbox));
        assertThat(StoreKeys.of(sim1)).isEqualTo(StoreKeys.of(sim2));
        assertThat(StoreKeys.of(a)).doesNotContain("app-a");
    }

    @Test
    void aResolverThatGivesABlankSubjectFailsClearly() {
        assertThatThrownBy(() -> new Subjects("c", GrantType.AUTHORIZATION_CODE, () -> c -> " ", () -> false).current())
                .hasMessageContaining("gave no subject");
    }
}
