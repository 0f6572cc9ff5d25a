package io.github.procorecdi.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.procorecdi.config.TokenStoreConfig;
import io.github.procorecdi.internal.JdbcUrls;

/** Issue 21 item 1: every form of credentials the five documented databases' JDBC URLs can carry is masked. */
class JdbcUrlsTest {

    /** Each URL carries the secret S3CR (and nothing else secret), in one of the forms a driver accepts. */
    static final List<String> FORMS = List.of(
            // PostgreSQL
            "jdbc:postgresql://db:5432/app?user=app&password=S3CR-pg&ssl=true",
            "jdbc:postgresql://db:5432/app?sslmode=verify-full&sslpassword=S3CR-pgssl&user=app",
            // MariaDB / MySQL
            "jdbc:mariadb://app:S3CR-maria@db:3306/app",
            "jdbc:mysql://app:S3CR/with@slash@db:3306/app?useSSL=true",
            "jdbc:mysql://db:3306/app?user=app&password=S3CR-my&trustCertificateKeyStorePassword=S3CR-trust",
            "jdbc:mysql://(host=db,port=3306,user=app,password=S3CR-kv)/app",
            "jdbc:mysql://address=(host=db)(port=3306)(password=S3CR-addr)/app",
            "jdbc:mariadb:sequential://app:S3CR-multi@db1,db2/app",
            // Oracle
            "jdbc:oracle:thin:scott/Tiger-S3CR@//db:1521/ORCL",
            "jdbc:oracle:thin:scott/Tiger-S3CR@db:1521:ORCL",
            "jdbc:oracle:thin:scott/\"p@ss S3CR\"@//db:1521/ORCL",
            "jdbc:oracle:oci:scott/S3CR-oci@ORCL",
            "jdbc:oracle:thin:@tcps://db:2484/svc?oracle.net.wallet_password=S3CR-wallet",
            // SQL Server (and jTDS)
            "jdbc:sqlserver://db:1433;databaseName=app;user=app;password=S3CR-ms;encrypt=true",
            "jdbc:sqlserver://db:1433;databaseName=app;user=app;password={a;S3CR;b}};c};encrypt=true",
            "jdbc:sqlserver://db:1433;Password = {S3CR};encrypt=true",
            "jdbc:sqlserver://db;trustStorePassword=S3CR-ts;accessToken=S3CR-at",
            "jdbc:jtds:sqlserver://db:1433/app;user=app;password=S3CR-jtds",
            // H2
            "jdbc:h2:tcp://db:9092/~/app;USER=sa;PASSWORD=S3CR-h2",
            "jdbc:h2:file:/data/app;CIPHER=AES;USER=sa;PASSWORD=S3CR-file S3CR-user");

    @Test
    void everyFormIsMasked() {
        for (String url : FORMS) {
            String masked = JdbcUrls.mask(url);
            assertThat(masked).as(url).doesNotContain("S3CR").contains(JdbcUrls.MASK);
        }
    }

    @Test
    void whatIsNotSecretStaysReadable() {
        assertThat(JdbcUrls.mask("jdbc:oracle:thin:scott/Tiger-S3CR@//db:1521/ORCL")).isEqualTo("jdbc:oracle:thin:scott/****@//db:1521/ORCL");
        assertThat(JdbcUrls.mask("jdbc:mariadb://app:S3CR@db:3306/app")).isEqualTo("jdbc:mariadb://app:****@db:3306/app");
        assertThat(JdbcUrls.mask("jdbc:sqlserver://db;user=app;password={a;S3CR};encrypt=true"))
                .isEqualTo("jdbc:sqlserver://db;user=app;password=****;encrypt=true");
        assertThat(JdbcUrls.mask("jdbc:postgresql://db:5432/app?user=app&password=S3CR&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/app?user=app&password=****&ssl=true");
        for (String plain : List.of("jdbc:postgresql://db:5432/app", "jdbc:oracle:thin:@//db:1521/ORCL", "jdbc:oracle:thin:@db:1521:ORCL",
                "jdbc:h2:mem:test;DB_CLOSE_DELAY=-1", "jdbc:sqlserver://db:1433;databaseName=app;encrypt=true")) {
            assertThat(JdbcUrls.mask(plain)).isEqualTo(plain);
        }
        assertThat(JdbcUrls.mask(null)).isNull();
    }

    @Test
    void toStringAndTheDeploymentErrorShowNoForm() {
        for (String url : FORMS) {
            TokenStoreConfig store = TokenStoreConfig.jdbc(url, "app", "PASSWORD-PROPERTY", "t");
            assertThat(store.toString()).as(url).doesNotContain("S3CR").doesNotContain("PASSWORD-PROPERTY");
            // no driver on the test class path accepts jdbc:oracle, jdbc:sqlserver, jdbc:jtds, jdbc:mysql: a deployment problem quoting the URL
            assertThat(String.join("\n", JdbcStores.problems("c", store))).as(url).doesNotContain("S3CR");
        }
        assertThat(String.join("\n", JdbcStores.problems("c", TokenStoreConfig.jdbc(FORMS.get(8), null, null, "t"))))
                .contains("procore.c.token-store.jdbc-url").contains("scott/****@//db:1521/ORCL");
    }
}
