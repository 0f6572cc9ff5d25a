package io.github.procorecdi.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.github.procorecdi.store.MemoryTokenStore;
import io.github.procorecdi.AccessToken;
import io.github.procorecdi.GrantType;
import io.github.procorecdi.ProcoreAuthorizationRequiredException;
import io.github.procorecdi.ProcoreTokenException;

/** The engine without HTTP: hot path, single flight, non-blocking renewal, dead and never-sent refreshes. */
class TokenManagerTest {
    static final URI AUTHORIZE = URI.create("https://login.procore.com/oauth/authorize?response_type=code");

    /** Token grants that count calls and can be made to block or fail. */
    static class FakeGrants implements TokenGrants {
        final AtomicInteger refreshes = new AtomicInteger();
        final AtomicInteger clientCredentials = new AtomicInteger();
        volatile CountDownLatch gate;
        volatile RuntimeException failure;
        volatile Runnable duringRefresh;
        volatile Duration lifetime = Duration.ofHours(1);

        AccessToken issue(boolean withRefresh) {
            Instant now = Instant.now();
            return new AccessToken("at-" + System.nanoTime(), "bearer", now.plus(lifetime), withRefresh ? "rt-" + System.nanoTime() : null, now);
        }

        volatile RuntimeException clientCredentialsFailure;

        @Override
        public AccessToken clientCredentials() {
            clientCredentials.incrementAndGet();
            RuntimeException f = clientCredentialsFailure;
            if (f != null) {
                throw f;
            }
            return issue(false);
        }

        @Override
        public AccessToken exchangeCode(String code) {
            return issue(true);
        }

        @Override
        public AccessToken refresh(String refreshToken) {
            refreshes.incrementAndGet();
            CountDownLatch g = gate;
            if (g != null) {
                try {
                    g.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Runnable during = duringRefresh;
            if (during != null) {
                during.run();
            }
            RuntimeException f = failure;
            if (f != null) {
                throw f;
            }
            return issue(true);
        }

        @Override
        public void revoke(AccessToken token) {
        }
    }

    static TokenManager manager(GrantType grant, FakeGrants grants, MemoryTokenStore store) {
        return TokenManager.builder("c").grantType(grant).endpoint(grants).store(() -> store)
                .authorizationUri(() -> AUTHORIZE).clock(Clock.systemUTC()).refreshAhead(Duration.ofMinutes(5)).lease(Duration.ofSeconds(30)).build();
    }

    static AccessToken expired(String value) {
        Instant past = Instant.now().minusSeconds(10);
        return new AccessToken(value, "bearer", past, "rt-" + value, past.minusSeconds(5400));
    }

    @Test
    void theHotPathAllocatesNothing() {
        TokenManager tokens = manager(GrantType.CLIENT_CREDENTIALS, new FakeGrants(), new MemoryTokenStore());
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        int calls = 1_000_000;
        long sink = 0;
        for (int i = 0; i < 200_000; i++) { // warm up (JIT)
            sink += tokens.authorizationHeader("service-account").length() + tokens.token("service-account").value().length();
        }
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < calls; i++) {
            sink += tokens.authorizationHeader("service-account").length() + tokens.token("service-account").value().length();
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        System.out.printf("hot path: %d bytes allocated over %d calls (%.4f bytes/call)%n", allocated, 2L * calls,
                allocated / (2.0 * calls));
        assertThat(sink).isPositive();
        assertThat(allocated).as("bytes allocated by %d hot-path calls", 2 * calls).isLessThan(64 * 1024);
    }

    @Test
    void oneRefreshForManyThreadsWithAnExpiredToken() throws Exception {
        FakeGrants grants = new FakeGrants();
        MemoryTokenStore store = new MemoryTokenStore();
        store.save("c", "u", expired("old"));
        TokenManager tokens = manager(GrantType.AUTHORIZATION_CODE, grants, store);
        grants.gate = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(64);
        try {
            List<Future<AccessToken>> results = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                results.add(pool.submit(() -> tokens.token("u")));
            }
            Thread.sleep(200);
            grants.gate.countDown();
            AccessToken first = results.get(0).get(10, TimeUnit.SECONDS);
            for (Future<AccessToken> f : results) {
                assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo(first);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(grants.refreshes).hasValue(1);
        assertThat(store.load("c", "u").orElseThrow().value()).isNotEqualTo("old");
    }

    /** A clock that tests move forward. */
    static class MovableClock extends Clock {
        volatile Duration offset = Duration.ZERO;

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    }

    @Test
    void aRenewalInFlightBlocksNeitherOtherSubjectsNorHoldersOfAStillValidToken() throws Exception {
        FakeGrants grants = new FakeGrants();
        MemoryTokenStore store = new MemoryTokenStore();
        Instant now = Instant.now();
        store.save("c", "a", new AccessToken("due", "bearer", now.plusSeconds(5400), "rt-a", now));
        store.save("c", "b", new AccessToken("fresh", "bearer", now.plusSeconds(5400), "rt-b", now));
        MovableClock clock = new MovableClock();
        TokenManager tokens = TokenManager.builder("c").grantType(GrantType.AUTHORIZATION_CODE).endpoint(grants).store(() -> store)
                .authorizationUri(() -> AUTHORIZE).clock(clock).refreshAhead(Duration.ofMinutes(5)).lease(Duration.ofSeconds(30)).build();
        tokens.token("a");
        tokens.token("b");
        clock.offset = Duration.ofSeconds(5400 - 120); // both inside refresh-ahead, still valid for 2 minutes
        store.save("c", "b", new AccessToken("fresh", "bearer", clock.instant().plusSeconds(5400), "rt-b", clock.instant()));
        grants.gate = new CountDownLatch(1); // the refresh of "a" hangs at Procore
        try {
            assertThat(CompletableFuture.supplyAsync(() -> tokens.token("a")).get(2, TimeUnit.SECONDS).value())
                    .as("the caller that triggers the refresh ahead of expiry does not wait for it").isEqualTo("due");
            while (grants.refreshes.get() == 0) {
                Thread.sleep(5);
            }
            assertThat(CompletableFuture.supplyAsync(() -> tokens.token("b")).get(2, TimeUnit.SECONDS).value())
                    .as("another subject is not held up").isEqualTo("fresh");
            assertThat(CompletableFuture.supplyAsync(() -> tokens.token("a")).get(2, TimeUnit.SECONDS).value())
                    .as("the still-valid token while the renewal is in flight").isEqualTo("due");
            for (int i = 0; i < 50; i++) {
                tokens.token("a");
            }
            assertThat(grants.refreshes).as("one renewal in flight however many calls").hasValue(1);
            grants.gate.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (tokens.token("a").value().equals("due") && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(tokens.token("a").value()).as("the renewed token, once stored").isNotEqualTo("due");
        } finally {
            grants.gate.countDown();
        }
    }

    @Test
    void aRefusedRefreshForgetsThePairAndNeverCallsProcoreAgain() {
        FakeGrants grants = new FakeGrants();
        MemoryTokenStore store = new MemoryTokenStore();
        store.save("c", "u", expired("old"));
        grants.failure = new TokenEndpointException("refused", 400, "invalid_grant", "revoked", null, true);
        TokenManager tokens = manager(GrantType.AUTHORIZATION_CODE, grants, store);

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> tokens.token("u")).isInstanceOfSatisfying(ProcoreAuthorizationRequiredException.class, e -> {
                assertThat(e.subject()).isEqualTo("u");
                assertThat(e.authorizationUri()).isEqualTo(AUTHORIZE);
            });
        }
        assertThat(grants.refreshes).hasValue(1);
        assertThat(store.load("c", "u")).isEmpty();
    }

    @Test
    void aRefreshThatNeverLeftKeepsThePairForALaterTry() {
        FakeGrants grants = new FakeGrants();
        MemoryTokenStore store = new MemoryTokenStore();
        AccessToken old = expired("old");
        store.save("c", "u", old);
        grants.failure = new TokenEndpointException("connection refused", 0, null, null, null, false);
        TokenManager tokens = manager(GrantType.AUTHORIZATION_CODE, grants, store);

        assertThatThrownBy(() -> tokens.token("u")).isInstanceOf(ProcoreTokenException.class)
                .isNotInstanceOf(ProcoreAuthorizationRequiredException.class);
        assertThat(store.load("c", "u")).contains(old);

        assertThatThrownBy(() -> tokens.token("u")).as("within the backoff no second request is sent")
                .isInstanceOf(ProcoreTokenException.class).hasMessageContaining("not sent before");
        assertThat(grants.refreshes).hasValue(1);

        grants.failure = null;
        assertThat(afterBackoff(() -> tokens.token("u")).value()).isNotEqualTo("old");
        assertThat(grants.refreshes).hasValue(2);
    }

    /** Calls {@code call} until the backoff after a failed token request has passed (at most 10 s). */
    static <T> T afterBackoff(java.util.function.Supplier<T> call) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                return call.get();
            } catch (ProcoreTokenException e) {
                if (!e.getMessage().contains("not sent before") || System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /**
     * A service account's slot is kept at hand for its hot path; a revoke must still take its token away. Fails on a
     * shortcut that keeps the token (or an evicted slot) rather than the live slot.
     */
    @Test
    void aRevokedServiceAccountTokenIsNeverServedAgain() {
        FakeGrants grants = new FakeGrants();
        TokenManager tokens = manager(GrantType.CLIENT_CREDENTIALS, grants, new MemoryTokenStore());
        AccessToken first = tokens.token("service-account");
        assertThat(tokens.token("service-account")).isSameAs(first);
        tokens.revoke("service-account");
        AccessToken second = tokens.token("service-account");
        assertThat(second.value()).isNotEqualTo(first.value());
        assertThat(tokens.authorizationHeader("service-account")).isEqualTo("Bearer " + second.value());
        assertThat(grants.clientCredentials).as("a new token after the revoke, then the cached one").hasValue(2);
    }

    @Test
    void refreshAheadIsCappedAtHalfTheTokenLifetime() throws Exception {
        FakeGrants grants = new FakeGrants();
        grants.lifetime = Duration.ofMillis(400); // shorter than refresh-ahead (5 minutes)
        TokenManager tokens = manager(GrantType.CLIENT_CREDENTIALS, grants, new MemoryTokenStore());
        tokens.token("service-account");
        tokens.token("service-account");
        assertThat(grants.clientCredentials).as("not renewed on every call").hasValue(1);
        Thread.sleep(250);
        tokens.token("service-account"); // still valid: renewed in the background
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (grants.clientCredentials.get() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(grants.clientCredentials).as("renewed after half the lifetime").hasValue(2);
    }

    /**
     * With the system clock and a margin of at least a second between renewal and expiry, the runtime timer marks the
     * entry due and the hot path reads no clock; the renewal must still start once it is due (a mark never set would
     * keep the old token until Procore rejects it).
     */
    @Test
    void theTimerMarksAnEntryDueAndTheNextCallRenewsInTheBackground() throws Exception {
        FakeGrants grants = new FakeGrants();
        grants.lifetime = Duration.ofSeconds(3); // renewal due after 1.5 s, 1.5 s before expiry
        TokenManager tokens = TokenManager.builder("c").grantType(GrantType.CLIENT_CREDENTIALS).endpoint(grants).store(MemoryTokenStore::new)
                .authorizationUri(() -> AUTHORIZE).clock(Clock.systemUTC()).refreshAhead(Duration.ofSeconds(2)).lease(Duration.ofSeconds(30)).build();
        AccessToken first = tokens.token("service-account");
        Thread.sleep(1000);
        assertThat(tokens.token("service-account")).isSameAs(first);
        assertThat(grants.clientCredentials).as("not due yet").hasValue(1);
        Thread.sleep(700);
        assertThat(tokens.token("service-account")).as("still valid: kept while the renewal runs").isSameAs(first);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (tokens.token("service-account") == first && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(tokens.token("service-account")).as("renewed once due").isNotSameAs(first);
        assertThat(grants.clientCredentials).hasValue(2);
    }

    /**
     * Closing cancels the timer's pending marks (nothing of a closed connection waits on the shared timer), and the
     * entries it marks due early cost no token request: the clock still decides.
     */
    @Test
    void closingCancelsPendingMarksAndAnEarlyMarkRequestsNoToken() throws Exception {
        FakeGrants grants = new FakeGrants();
        TokenManager tokens = manager(GrantType.CLIENT_CREDENTIALS, grants, new MemoryTokenStore());
        AccessToken first = tokens.token("service-account");
        assertThat(tokens.pendingMarks()).isEqualTo(1);
        tokens.close();
        assertThat(tokens.pendingMarks()).isZero();
        assertThat(tokens.token("service-account").value()).isEqualTo(first.value());
        Thread.sleep(200); // the hand-over to the background, if any, has run
        assertThat(tokens.token("service-account").value()).isEqualTo(first.value());
        assertThat(grants.clientCredentials).as("the token is an hour from expiry: none requested").hasValue(1);
        assertThat(tokens.pendingMarks()).as("no marks after close").isZero();
    }

    /** A clock that stands still unless the test moves it (unlike {@link MovableClock}): backoffs and expiries then do not depend on how busy the machine is. */
    static final class StoppedClock extends MovableClock {
        private volatile long millis = System.currentTimeMillis();

        void advance(Duration d) {
            millis += d.toMillis();
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }

    static TokenManager manager(GrantType grant, FakeGrants grants, MemoryTokenStore store, Clock clock) {
        return TokenManager.builder("c").grantType(grant).endpoint(grants).store(() -> store)
                .authorizationUri(() -> AUTHORIZE).clock(clock).refreshAhead(Duration.ofMinutes(5)).lease(Duration.ofSeconds(30)).build();
    }

    /** Issue 20, item 7: fails on an engine that sends one token request per call while the token endpoint fails. */
    @Test
    void whileTheTokenEndpointFailsFiftyCallsSendOneTokenRequest() {
        FakeGrants grants = new FakeGrants();
        grants.clientCredentialsFailure = new TokenEndpointException("token request refused with HTTP 429", 429, null, null, null, true);
        StoppedClock clock = new StoppedClock();
        TokenManager tokens = manager(GrantType.CLIENT_CREDENTIALS, grants, new MemoryTokenStore(), clock);
        for (int i = 0; i < 50; i++) {
            assertThatThrownBy(() -> tokens.token("service-account")).isInstanceOf(ProcoreTokenException.class)
                    .hasMessageContaining("429");
        }
        assertThat(grants.clientCredentials).hasValue(1);
        clock.advance(Duration.ofMillis(TokenManager.FIRST_BACKOFF_MILLIS * 5 / 4 + 1)); // past the first backoff
        grants.clientCredentialsFailure = null;
        assertThat(tokens.token("service-account")).isNotNull();
        assertThat(grants.clientCredentials).hasValue(2);
    }

    /** Issue 20, item 7: a failed renewal ahead of expiry keeps the valid token and is not tried again on every call. */
    @Test
    void aFailedRenewalAheadOfExpiryKeepsTheTokenAndBacksOff() throws Exception {
        FakeGrants grants = new FakeGrants();
        StoppedClock clock = new StoppedClock();
        TokenManager tokens = manager(GrantType.CLIENT_CREDENTIALS, grants, new MemoryTokenStore(), clock);
        AccessToken first = tokens.token("service-account");
        grants.clientCredentialsFailure = new TokenEndpointException("token request refused with HTTP 429", 429, null, null, null, true);
        clock.advance(Duration.ofMinutes(56)); // due (refresh-ahead 5 min of a 1 h token), still valid
        assertThat(tokens.token("service-account")).isEqualTo(first);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (grants.clientCredentials.get() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(5); // the background renewal runs and fails
        }
        for (int i = 0; i < 50; i++) {
            assertThat(tokens.token("service-account")).isEqualTo(first);
        }
        Thread.sleep(100); // (anything a call handed to the renewal threads has run by now on an idle machine; none may have)
        assertThat(grants.clientCredentials).as("one failed renewal, then the backoff").hasValue(2);
    }

    /** Issue 20, item 7: fails on an unbounded renewal pool (one blocked thread per subject with a slow token endpoint). */
    @Test
    void aSlowTokenEndpointBlocksAtMostTheBoundedRenewalThreads() throws Exception {
        FakeGrants grants = new FakeGrants();
        MemoryTokenStore store = new MemoryTokenStore();
        StoppedClock clock = new StoppedClock();
        TokenManager tokens = manager(GrantType.AUTHORIZATION_CODE, grants, store, clock);
        int subjects = 40;
        for (int i = 0; i < subjects; i++) {
            store.save("c", "u" + i, grants.issue(true));
            tokens.token("u" + i);
        }
        grants.gate = new CountDownLatch(1);
        clock.advance(Duration.ofMinutes(56));
        try {
            for (int i = 0; i < subjects; i++) {
                assertThat(tokens.token("u" + i)).isNotNull(); // each caller keeps its valid token
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (grants.refreshes.get() < BackgroundWork.RENEWAL_THREADS && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Thread.sleep(100);
            long renewalThreads = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.isAlive() && t.getName().startsWith("procore-cdi-renewal-")).count();
            assertThat(renewalThreads).isLessThanOrEqualTo(BackgroundWork.RENEWAL_THREADS);
            assertThat(grants.refreshes.get()).as("requests blocked at once").isLessThanOrEqualTo(BackgroundWork.RENEWAL_THREADS);
        } finally {
            grants.gate.countDown();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (grants.refreshes.get() < subjects && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(grants.refreshes).as("every queued renewal ran").hasValue(subjects);
    }

    /**
     * Issue 20, item 8, the engine's half (WebFlowTest proves the servlet side through the status page and the simulator):
     * an ended session's subject is revoked and forgotten in the background and leaves no slot. Fails on an engine that
     * clears the token but keeps the subject's slot for the JVM's life.
     */
    @Test
    void anEndedSessionsSubjectIsRevokedInTheBackgroundAndLeavesNoSlot() throws Exception {
        List<AccessToken> revoked = new java.util.concurrent.CopyOnWriteArrayList<>();
        FakeGrants grants = new FakeGrants() {
            @Override
            public void revoke(AccessToken token) {
                revoked.add(token);
            }
        };
        MemoryTokenStore store = new MemoryTokenStore();
        TokenManager tokens = manager(GrantType.AUTHORIZATION_CODE, grants, store);
        store.save("c", "session:ended", grants.issue(true));
        store.save("c", "session:other", grants.issue(true));
        AccessToken ended = tokens.token("session:ended");
        tokens.token("session:other");
        assertThat(tokens.subjects()).isEqualTo(2);

        tokens.forgetInBackground("session:ended");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((revoked.isEmpty() || tokens.subjects() != 1) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(revoked).extracting(AccessToken::value).as("revoked at Procore").contains(ended.value());
        assertThat(tokens.subjects()).as("no slot left for the ended session").isEqualTo(1);
        assertThat(store.load("c", "session:ended")).isEmpty();
        assertThatThrownBy(() -> tokens.token("session:ended")).isInstanceOf(ProcoreAuthorizationRequiredException.class);
        assertThat(tokens.subjects()).isEqualTo(1);
        tokens.close();
    }

    /** Issue 20, item 8: fails on an engine that keeps every subject's slot for the JVM's life. */
    @Test
    void slotsWhoseTokenExpiredLongAgoAreEvictedAndTheStoreKeepsThePairs() {
        FakeGrants grants = new FakeGrants();
        MemoryTokenStore store = new MemoryTokenStore();
        StoppedClock clock = new StoppedClock();
        TokenManager tokens = manager(GrantType.AUTHORIZATION_CODE, grants, store, clock);
        for (int i = 0; i < 100; i++) {
            store.save("c", "u" + i, grants.issue(true));
            tokens.token("u" + i);
        }
        assertThat(tokens.subjects()).isEqualTo(100);
        clock.advance(Duration.ofHours(1).plusMillis(TokenManager.IDLE_EVICTION_MILLIS).plusMinutes(1));
        assertThatThrownBy(() -> tokens.token("someone-else")).isInstanceOf(ProcoreAuthorizationRequiredException.class);
        assertThat(tokens.subjects()).isZero();
        assertThat(store.load("c", "u7")).isPresent();
    }

    /** A 401 for a token another caller already replaced retries with the replacement, requesting no new token. */
    @Test
    void aRejectedTokenThatWasAlreadyReplacedIsAnsweredWithTheReplacement() {
        FakeGrants grants = new FakeGrants();
        TokenManager tokens = manager(GrantType.CLIENT_CREDENTIALS, grants, new MemoryTokenStore());
        String rejected = tokens.authorizationHeader("service-account");
        String replacement = tokens.renewRejected("service-account", rejected);
        int requests = grants.clientCredentials.get();

        assertThat(replacement).startsWith("Bearer ").isNotEqualTo(rejected);
        assertThat(tokens.renewRejected("service-account", rejected)).isEqualTo(replacement);
        assertThat(grants.clientCredentials.get()).as("token requests").isEqualTo(requests);
    }
}
