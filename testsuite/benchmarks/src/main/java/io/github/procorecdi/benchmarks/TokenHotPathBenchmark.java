package io.github.procorecdi.benchmarks;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

import io.github.procorecdi.AccessToken;
import io.github.procorecdi.GrantType;
import io.github.procorecdi.store.MemoryTokenStore;
import io.github.procorecdi.token.TokenGrants;
import io.github.procorecdi.token.TokenManager;

/**
 * The cost of getting the {@code Authorization} header when the token is cached: what every API
 * call pays. Run with {@code -prof gc} to see the allocation rate (expected: none).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TokenHotPathBenchmark {
    private TokenManager serviceAccount;
    private TokenManager users;
    private final String[] subjects = new String[1024];

    /** Token grants that issue 90-minute tokens without any I/O. */
    public static final class LocalGrants implements TokenGrants {
        @Override
        public AccessToken clientCredentials() {
            return token();
        }

        @Override
        public AccessToken exchangeCode(String code) {
            return token();
        }

        @Override
        public AccessToken refresh(String refreshToken) {
            return token();
        }

        @Override
        public void revoke(AccessToken token) {
        }

        private static AccessToken token() {
            Instant now = Instant.now();
            return new AccessToken("at-" + System.nanoTime(), "bearer", now.plusSeconds(5400), "rt-" + System.nanoTime(), now);
        }
    }

    @Setup
    public void setUp() {
        URI authorize = URI.create("https://login.procore.com/oauth/authorize");
        serviceAccount = TokenManager.builder("dmsa").grantType(GrantType.CLIENT_CREDENTIALS).endpoint(new LocalGrants()).store(MemoryTokenStore::new)
                .authorizationUri(() -> null).clock(Clock.systemUTC()).refreshAhead(Duration.ofMinutes(5)).lease(Duration.ofSeconds(30)).build();
        MemoryTokenStore store = new MemoryTokenStore();
        users = TokenManager.builder("web").grantType(GrantType.AUTHORIZATION_CODE).endpoint(new LocalGrants()).store(() -> store)
                .authorizationUri(() -> authorize).clock(Clock.systemUTC()).refreshAhead(Duration.ofMinutes(5)).lease(Duration.ofSeconds(30)).build();
        for (int i = 0; i < subjects.length; i++) {
            subjects[i] = "user-" + i;
            users.exchangeCode(subjects[i], "code");
        }
        serviceAccount.authorizationHeader("service-account");
    }

    @Benchmark
    @Threads(1)
    public String serviceAccountOneThread() {
        return serviceAccount.authorizationHeader("service-account");
    }

    @Benchmark
    @Threads(2)
    public String serviceAccountTwoThreads() {
        return serviceAccount.authorizationHeader("service-account");
    }

    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Benchmark
    @Threads(2)
    public String thousandUsersTwoThreads(Cursor cursor) {
        String subject = subjects[cursor.next++ & (subjects.length - 1)];
        return users.authorizationHeader(subject);
    }
}
