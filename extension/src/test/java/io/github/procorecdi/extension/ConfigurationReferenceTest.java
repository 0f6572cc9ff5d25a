package io.github.procorecdi.extension;

import io.github.procorecdi.config.ConfigProblems;
import io.github.procorecdi.config.ConnectionConfigReader;
import io.github.procorecdi.config.MicroProfileConfigLookup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.github.procorecdi.config.ConfigKey;
import io.github.procorecdi.config.ConnectionConfig;
import io.github.procorecdi.config.TokenStoreConfig;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The configuration reference (docs/configuration.md) is the list in {@link ConfigKey}, and the defaults it shows are the ones the code uses. */
class ConfigurationReferenceTest {

    @Test
    void readmeListsExactlyTheDeclaredKeysWithTheirDefaults() throws Exception {
        String readme = Files.readString(Path.of("..", "docs", "configuration.md"));
        String header = "| key | default | meaning |\n|---|---|---|\n";
        int start = readme.indexOf(header);
        assertThat(start).as("docs/configuration.md has the configuration reference table").isPositive();
        int end = readme.indexOf("\n\n", start);
        List<String> documented = Arrays.asList(readme.substring(start + header.length(), end).split("\n"));
        List<String> declared = Arrays.stream(ConfigKey.values()).map(ConfigKey::readmeRow).toList();
        assertThat(documented).as("docs/configuration.md's rows, in order: regenerate them from ConfigKey.readmeRow()").isEqualTo(declared);
    }

    @Test
    void theDocsGiveTheDdlTheJdbcStoreRunsOnEveryDatabase() throws Exception {
        String readme = Files.readString(Path.of("..", "docs", "token-stores.md"));
        for (io.github.procorecdi.store.jdbc.SqlDialect dialect : io.github.procorecdi.store.jdbc.SqlDialect.values()) {
            assertThat(readme).as(dialect.name()).contains("`" + dialect.createTable("procore_tokens") + "`");
        }
    }

    @Test
    void theDocsGiveTheDdlOfTheActivityTableOnEveryDatabase() throws Exception {
        String readme = Files.readString(Path.of("..", "docs", "token-stores.md"));
        for (io.github.procorecdi.store.jdbc.SqlDialect dialect : io.github.procorecdi.store.jdbc.SqlDialect.values()) {
            assertThat(readme).as(dialect.name())
                    .contains("`" + io.github.procorecdi.store.jdbc.JdbcActivity.createTable(dialect, "procore_tokens_activity") + "`");
        }
    }

    @Test
    void theDefaultsShownAreTheDefaultsUsed() {
        Map<String, String> p = new TreeMap<>();
        p.put("procore.x.client-id", "id");
        p.put("procore.x.client-secret", "s");
        p.put("procore.x.redirect-uri", "https://app.example.com/cb");
        ConnectionConfig read = new ConnectionConfigReader(MicroProfileConfigLookup.of(new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(p, "t", 500)).build())).read("x", new ConfigProblems()).orElseThrow();
        ConnectionConfig built = ConnectionConfig.builder("x").client("id", "s").redirectUri("https://app.example.com/cb").build();
        for (ConnectionConfig c : List.of(read, built)) {
            assertThat(shown(ConfigKey.GRANT_TYPE)).isEqualTo(c.grantType().value());
            assertThat(shown(ConfigKey.ENVIRONMENT)).isEqualTo(c.environment().value());
            assertThat(shown(ConfigKey.REFRESH_AHEAD)).isEqualTo(c.refreshAhead().toString());
            assertThat(shown(ConfigKey.CONNECT_TIMEOUT)).isEqualTo(c.connectTimeout().toString());
            assertThat(shown(ConfigKey.READ_TIMEOUT)).isEqualTo(c.readTimeout().toString());
            assertThat(shown(ConfigKey.MAX_RETRIES)).isEqualTo(Integer.toString(c.maxRetries()));
            assertThat(shown(ConfigKey.NOT_CONNECTED_PAUSE)).isEqualTo(c.notConnectedPause().toString());
            assertThat(shown(ConfigKey.TOKEN_STORE)).isEqualTo(c.tokenStore().kind());
            assertThat(shown(ConfigKey.TOKEN_STORE_DATASOURCE)).isEqualTo(c.tokenStore().datasource());
            assertThat(shown(ConfigKey.TOKEN_STORE_TABLE)).isEqualTo(c.tokenStore().table());
            assertThat(shown(ConfigKey.TOKEN_STORE_CREATE_TABLE)).isEqualTo(Boolean.toString(c.tokenStore().createTable()));
            assertThat(shown(ConfigKey.WEB_LOGIN_PATH)).isEqualTo(c.web().loginPath());
            assertThat(shown(ConfigKey.WEB_LOGOUT_PATH)).isEqualTo(c.web().logoutPath());
            assertThat(shown(ConfigKey.WEB_AFTER_LOGIN)).isEqualTo(c.web().afterLogin());
            assertThat(c.web().callbackPath()).isEqualTo("/cb");
            assertThat(c.userAgent()).startsWith("procore-cdi/");
        }
        assertThat(read.tokenStore().path()).isEqualTo(TokenStoreConfig.defaultPath("x"));
        assertThat(read).isEqualTo(built);
    }

    /** @return a default in the reference's backquotes, without them */
    private static String shown(ConfigKey key) {
        assertThat(key.defaultText()).startsWith("`").endsWith("`");
        return key.defaultText().substring(1, key.defaultText().length() - 1);
    }
}
