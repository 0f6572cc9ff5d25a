package io.github.procorecdi.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.procorecdi.AccessToken;

/** Sealed values: key ids, rotation, column binding (item 11); one token file shared by two deployments in one JVM. */
class SealingAndSharingTest {
    static final byte[] OLD_KEY = Base64.getDecoder().decode("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
    static final byte[] NEW_KEY = Base64.getDecoder().decode("ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=");

    @TempDir
    Path dir;

    static AccessToken pair(String access, String refresh) {
        Instant now = Instant.parse("2026-03-01T10:00:00Z");
        return new AccessToken(access, "bearer", now.plusSeconds(5400), refresh, now);
    }

    @Test
    void everySealedValueNamesItsKeyAndRotationKeepsOldEntriesReadable() throws Exception {
        Path file = dir.resolve("rotate.tokens");
        AccessToken before = pair("A1", "R1");
        new FileTokenStore(file, new TokenCipher(OLD_KEY), Clock.systemUTC()).save("c@k", "u", before);
        assertThat(Files.readString(file)).contains("aesgcm2:" + TokenCipher.keyId(OLD_KEY) + ":");

        FileTokenStore rotated = new FileTokenStore(file, new TokenCipher(NEW_KEY, List.of(OLD_KEY)), Clock.systemUTC());
        assertThat(rotated.load("c@k", "u")).as("read with a previous key").contains(before);
        AccessToken after = pair("A2", "R2");
        assertThat(rotated.replace("c@k", "u", before, after)).isTrue();
        String content = Files.readString(file);
        assertThat(content).as("re-sealed with the current key when written").contains("aesgcm2:" + TokenCipher.keyId(NEW_KEY) + ":")
                .doesNotContain(TokenCipher.keyId(OLD_KEY));
        assertThat(new FileTokenStore(file, new TokenCipher(NEW_KEY), Clock.systemUTC()).load("c@k", "u")).contains(after);
    }

    @Test
    void aNewKeyWithoutThePreviousOneMakesEntriesUnreadableNotARawError() {
        Path file = dir.resolve("newkey.tokens");
        new FileTokenStore(file, new TokenCipher(OLD_KEY), Clock.systemUTC()).save("c@k", "u", pair("A", "R"));
        new FileTokenStore(file, new TokenCipher(OLD_KEY), Clock.systemUTC()).save("c@k", "v", pair("B", "S"));
        FileTokenStore newKeyOnly = new FileTokenStore(file, new TokenCipher(NEW_KEY), Clock.systemUTC());
        assertThatThrownBy(() -> newKeyOnly.load("c@k", "u")).isInstanceOf(UnreadableTokenException.class)
                .hasMessageContaining(TokenCipher.keyId(OLD_KEY)).hasMessageContaining("previous-encryption-keys");
        newKeyOnly.save("c@k", "u", pair("A3", "R3"));
        assertThat(newKeyOnly.load("c@k", "u")).as("a new sign-in overwrites the entry").contains(pair("A3", "R3"));
        assertThatThrownBy(() -> new FileTokenStore(file, null, Clock.systemUTC()).load("c@k", "v"))
                .isInstanceOf(UnreadableTokenException.class).hasMessageContaining("no token-store.encryption-key");
        new FileTokenStore(dir.resolve("plain.tokens"), null, Clock.systemUTC()).save("c@k", "u", pair("P", "Q"));
        assertThatThrownBy(() -> new FileTokenStore(dir.resolve("plain.tokens"), new TokenCipher(NEW_KEY), Clock.systemUTC()).load("c@k", "u"))
                .as("encryption turned on over clear-text entries").isInstanceOf(UnreadableTokenException.class);
    }

    @Test
    void theColumnIsBoundSoSwappedCiphertextsDoNotOpen() {
        TokenCipher cipher = new TokenCipher(NEW_KEY);
        String access = cipher.seal("ACCESS", "c@k", "u", "access_token");
        String refresh = cipher.seal("REFRESH", "c@k", "u", "refresh_token");
        assertThat(cipher.open(access, "c@k", "u", "access_token")).isEqualTo("ACCESS");
        assertThatThrownBy(() -> cipher.open(access, "c@k", "u", "refresh_token")).isInstanceOf(UnreadableTokenException.class);
        assertThatThrownBy(() -> cipher.open(refresh, "c@k", "u", "access_token")).isInstanceOf(UnreadableTokenException.class);
        assertThatThrownBy(() -> cipher.open(access, "c@k", "other-user", "access_token")).isInstanceOf(UnreadableTokenException.class);
        assertThatThrownBy(() -> cipher.open(access, "other@k", "u", "access_token")).isInstanceOf(UnreadableTokenException.class);
        assertThat(cipher.toString()).doesNotContain(Base64.getEncoder().encodeToString(NEW_KEY));
    }

    /**
     * Two deployments in one JVM have two copies of the store class (one per class loader), so a JVM-wide lock map
     * does not cover them and the file lock of one shows to the other as OverlappingFileLockException. Each of two
     * isolated loaders does 100 compare-and-set increments on one file: all 200 must land.
     */
    @Test
    void twoClassLoadersSharingOneFileLoseNoUpdateAndThrowNothing() throws Exception {
        Path file = dir.resolve("shared.tokens");
        new FileTokenStore(file, null, Clock.systemUTC()).save("c@k", "s", pair("0", "r"));
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toURL());
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Object>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                URLClassLoader deployment = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
                Class<?> incrementer = deployment.loadClass(Incrementer.class.getName());
                assertThat(incrementer).isNotSameAs(Incrementer.class);
                runs.add(pool.submit(() -> {
                    Thread.currentThread().setContextClassLoader(deployment); // as a server does for each deployment
                    return incrementer.getMethod("run", String.class, int.class).invoke(null, file.toString(), 100);
                }));
            }
            for (Future<Object> run : runs) {
                run.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(new FileTokenStore(file, null, Clock.systemUTC()).load("c@k", "s").orElseThrow().value()).isEqualTo("200");
    }

    /** Loaded separately by each test class loader. */
    public static final class Incrementer {
        public static void run(String file, int times) {
            FileTokenStore store = new FileTokenStore(Path.of(file), null, Clock.systemUTC());
            int done = 0;
            while (done < times) {
                AccessToken current = store.load("c@k", "s").orElseThrow();
                AccessToken next = pair(Integer.toString(Integer.parseInt(current.value()) + 1), "r");
                if (store.replace("c@k", "s", current, next)) {
                    done++;
                }
            }
        }
    }
}
