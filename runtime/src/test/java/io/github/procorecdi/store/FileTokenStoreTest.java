package io.github.procorecdi.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.procorecdi.AccessToken;
import io.github.procorecdi.ProcoreException;

class FileTokenStoreTest {
    private static final byte[] KEY = Base64.getDecoder().decode("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");

    @TempDir
    Path dir;

    static AccessToken token(String value, String refresh) {
        Instant now = Instant.parse("2026-01-01T10:00:00.123456789Z");
        return new AccessToken(value, "bearer", now.plusSeconds(5400), refresh, now);
    }

    @Test
    void savesLoadsAndComparesAndSetsAcrossInstances() {
        Path file = dir.resolve("nested/default.tokens");
        FileTokenStore store = new FileTokenStore(file, null, Clock.systemUTC());
        AccessToken first = token("a1", "r1");
        store.save("default", "default", first);

        FileTokenStore other = new FileTokenStore(file, null, Clock.systemUTC());
        assertThat(other.load("default", "default")).contains(first);
        assertThat(other.load("default", "someone")).isEmpty();

        AccessToken second = token("a2", "r2");
        assertThat(other.replace("default", "default", token("zz", "r1"), second)).isFalse();
        assertThat(other.replace("default", "default", first, second)).isTrue();
        assertThat(store.load("default", "default")).contains(second);
        assertThat(store.replace("default", "default", first, token("a3", "r3"))).as("stale expected").isFalse();

        assertThat(store.replace("default", "default", second, null)).isTrue();
        assertThat(store.load("default", "default")).isEmpty();
    }

    @Test
    void fileAndDirectoryAreOwnerOnly() throws Exception {
        Path file = dir.resolve("secure/app.tokens");
        new FileTokenStore(file, null, Clock.systemUTC()).save("c", "s", token("a", "r"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        try (var files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("app.tokens", "app.tokens.lock");
        }
    }

    @Test
    void refreshClaimIsExclusiveUntilTheLeaseEndsOrThePairChanges() {
        Instant[] now = {Instant.parse("2026-01-01T00:00:00Z")};
        Clock clock = new Clock() {
            @Override public java.time.ZoneId getZone() { return java.time.ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public Instant instant() { return now[0]; }
        };
        Path file = dir.resolve("claims.tokens");
        FileTokenStore a = new FileTokenStore(file, null, clock);
        FileTokenStore b = new FileTokenStore(file, null, clock);
        AccessToken pair = token("a", "r");
        a.save("c", "s", pair);

        assertThat(a.claimRefresh("c", "s", pair, Duration.ofSeconds(30))).isTrue();
        assertThat(b.claimRefresh("c", "s", pair, Duration.ofSeconds(30))).isFalse();
        assertThat(b.load("c", "s")).contains(pair);
        now[0] = now[0].plusSeconds(31);
        assertThat(b.claimRefresh("c", "s", pair, Duration.ofSeconds(30))).as("lease over").isTrue();

        AccessToken next = token("a2", "r2");
        assertThat(b.replace("c", "s", pair, next)).isTrue();
        assertThat(a.claimRefresh("c", "s", next, Duration.ofSeconds(30))).as("new pair, no claim").isTrue();
        assertThat(a.claimRefresh("c", "s", pair, Duration.ofSeconds(30))).as("old pair").isFalse();
    }

    @Test
    void aCorruptFileIsNeverOverwritten() throws Exception {
        Path file = dir.resolve("bad.tokens");
        Files.writeString(file, "{not json");
        FileTokenStore store = new FileTokenStore(file, null, Clock.systemUTC());
        assertThatThrownBy(() -> store.save("c", "s", token("a", "r")))
                .isInstanceOf(ProcoreException.class).hasMessageContaining("not valid JSON").hasMessageContaining("untouched");
        assertThat(Files.readString(file)).isEqualTo("{not json");
    }

    @Test
    void encryptedAtRestWithTheConfiguredKey() throws Exception {
        Path file = dir.resolve("enc.tokens");
        FileTokenStore store = new FileTokenStore(file, new TokenCipher(KEY), Clock.systemUTC());
        AccessToken pair = token("ACCESS-SECRET-VALUE", "REFRESH-SECRET-VALUE");
        store.save("c", "s", pair);

        String content = Files.readString(file);
        assertThat(content).doesNotContain("ACCESS-SECRET-VALUE").doesNotContain("REFRESH-SECRET-VALUE").contains("aesgcm2:");
        assertThat(new FileTokenStore(file, new TokenCipher(KEY), Clock.systemUTC()).load("c", "s")).contains(pair);

        byte[] otherKey = KEY.clone();
        otherKey[0] ^= 1;
        assertThatThrownBy(() -> new FileTokenStore(file, new TokenCipher(otherKey), Clock.systemUTC()).load("c", "s"))
                .isInstanceOf(ProcoreException.class).hasMessageContaining("encryption-key")
                .hasMessageNotContaining("SECRET");
        assertThatThrownBy(() -> new FileTokenStore(file, null, Clock.systemUTC()).load("c", "s"))
                .hasMessageContaining("no token-store.encryption-key");
    }

    /** Two JVMs increment a counter kept in the token value with compare-and-set; no update may be lost. */
    @Test
    void twoProcessesSharingTheFileLoseNoUpdate() throws Exception {
        Path file = dir.resolve("shared.tokens");
        new FileTokenStore(file, null, Clock.systemUTC()).save("c", "s", token("0", "r"));
        int perProcess = 150;
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            processes.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), CasIncrementer.class.getName(), file.toString(),
                    String.valueOf(perProcess)).inheritIO().start());
        }
        for (Process p : processes) {
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
        }
        AccessToken end = new FileTokenStore(file, null, Clock.systemUTC()).load("c", "s").orElseThrow();
        assertThat(end.value()).isEqualTo(String.valueOf(2 * perProcess));
    }

    /** Child process of {@link #twoProcessesSharingTheFileLoseNoUpdate}. */
    public static final class CasIncrementer {
        public static void main(String[] args) {
            FileTokenStore store = new FileTokenStore(Path.of(args[0]), null, Clock.systemUTC());
            int n = Integer.parseInt(args[1]);
            for (int done = 0; done < n; ) {
                AccessToken current = store.load("c", "s").orElseThrow();
                AccessToken next = token(String.valueOf(Long.parseLong(current.value()) + 1), "r");
                if (store.replace("c", "s", current, next)) {
                    done++;
                }
            }
        }
    }
}
