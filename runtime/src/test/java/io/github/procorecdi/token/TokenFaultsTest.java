package io.github.procorecdi.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import io.github.procorecdi.AccessToken;
import io.github.procorecdi.GrantType;
import io.github.procorecdi.ProcoreAuthorizationRequiredException;
import io.github.procorecdi.ProcoreException;
import io.github.procorecdi.TokenStore;
import io.github.procorecdi.token.TokenManagerTest.FakeGrants;
import io.github.procorecdi.store.MemoryTokenStore;
import io.github.procorecdi.store.UnreadableTokenException;

/**
 * The fault rules of the engine (issue 8), one test per fault, each failing on an engine that drops,
 * re-redeems or resurrects a pair: lost answers, store outages, revoke races, unbounded memory.
 */
class TokenFaultsTest {

    /** A memory store with real claim leases, switchable failures, and a record of what happened. */
    static final class FaultyStore implements TokenStore {
        final MemoryTokenStore tokens = new MemoryTokenStore();
        final ConcurrentHashMap<String, Long> claims = new ConcurrentHashMap<>();
        final AtomicInteger claimCalls = new AtomicInteger();
        final AtomicInteger releases = new AtomicInteger();
        volatile int failReplaces;
        /** the next so many replaces are applied, but their answer is lost (the connection resets after the commit) */
        volatile int loseAnswers;
        volatile boolean down;
        volatile Runnable beforeReplace;

        private void check() {
            if (down) {
                throw new ProcoreException("token store table t: SQLException: connection refused (SQLState 08001)");
            }
        }

        @Override
        public Optional<AccessToken> load(String connection, String subject) {
            check();
            return tokens.load(connection, subject);
        }

        @Override
        public void save(String connection, String subject, AccessToken token) {
            check();
            tokens.save(connection, subject, token);
        }

        @Override
        public boolean replace(String connection, String subject, AccessToken expected, AccessToken replacement) {
            Runnable r = beforeReplace;
            if (r != null) {
                beforeReplace = null;
                r.run();
            }
            check();
            if (failReplaces > 0) {
                failReplaces--;
                throw new ProcoreException("token store table t: SQLException: I/O error (SQLState 08006)");
            }
            claims.remove(subject);
            boolean replaced = tokens.replace(connection, subject, expected, replacement);
            if (loseAnswers > 0) {
                loseAnswers--;
                throw new ProcoreException("token store table t: SQLException: An I/O error occurred while sending to the backend "
                        + "(SQLState 08006)"); // applied and committed; the answer never arrived
            }
            return replaced;
        }

        @Override
        public void remove(String connection, String subject) {
            check();
            tokens.remove(connection, subject);
        }

        @Override
        public boolean claimRefresh(String connection, String subject, AccessToken current, Duration lease) {
            check();
            claimCalls.incrementAndGet();
            long now = System.currentTimeMillis();
            Long until = claims.get(subject);
            if (until != null && until > now) {
                return false;
            }
            claims.put(subject, now + lease.toMillis());
            return true;
        }

        @Override
        public void releaseClaim(String connection, String subject, AccessToken current) {
            releases.incrementAndGet();
            claims.remove(subject);
        }
    }

    /** Grants that record revocations. */
    static class RecordingGrants extends TokenManagerTest.FakeGrants {
        final List<AccessToken> revoked = new CopyOnWriteArrayList<>();
        volatile RuntimeException revokeFailure;

        @Override
        public void revoke(AccessToken token) {
            revoked.add(token);
            RuntimeException f = revokeFailure;
            if (f != null) {
                throw f;
            }
        }
    }

    /** Procore's single-use rule: a refresh token sent a second time gets {@code invalid_grant}. */
    static final class SingleUseGrants extends RecordingGrants {
        final java.util.Set<String> redeemed = ConcurrentHashMap.newKeySet();
        final AtomicInteger invalidGrants = new AtomicInteger();

        @Override
        public AccessToken refresh(String refreshToken) {
            if (!redeemed.add(refreshToken)) {
                invalidGrants.incrementAndGet();
                throw new TokenEndpointException("token request refused with HTTP 400: invalid_grant", 400, "invalid_grant", null, null, true);
            }
            return super.refresh(refreshToken);
        }
    }

    static TokenManager manager(FakeGrants grants, TokenStore store, Duration lease) {
        return TokenManager.builder("c").storeKey("c@key").grantType(GrantType.AUTHORIZATION_CODE).endpoint(grants).store(() -> store)
                .authorizationUri(() -> TokenManagerTest.AUTHORIZE).clock(Clock.systemUTC()).refreshAhead(Duration.ofMinutes(5)).lease(lease).build();
    }

    static AccessToken expired(String value) {
        return TokenManagerTest.expired(value);
    }

    static AccessToken fresh(String value) {
        Instant now = Instant.now();
        return new AccessToken(value, "bearer", now.plusSeconds(5400), "rt-" + value, now);
    }

    @Test
    void afterInvalidGrantThePairAnotherNodeStoredIsUsedNotDeleted() {
        RecordingGrants grants = new RecordingGrants();
        FaultyStore store = new FaultyStore();
        store.save("c@key", "u", expired("old"));
        AccessToken theirs = fresh("other-node");
        // while our request was at Procore, another node (whose claim we did not see) stored its pair
        grants.duringRefresh = () -> store.tokens.replace("c@key", "u", store.tokens.load("c@key", "u").orElseThrow(), theirs);
        grants.failure = new TokenEndpointException("refused", 400, "invalid_grant", null, null, true);
        TokenManager tokens = manager(grants, store, Duration.ofSeconds(30));
        assertThat(tokens.token("u")).isEqualTo(theirs);
        assertThat(store.load("c@key", "u")).contains(theirs);
    }

    @Test
    void aRefreshThatProvablyNeverLeftReleasesItsClaimSoTheNextCallNeedNotWaitOutTheLease() {
        FakeGrants grants = new FakeGrants();
        FaultyStore store = new FaultyStore();
        store.save("c@key", "u", expired("old"));
        grants.failure = new TokenEndpointException("connection refused", 0, null, null, null, false);
        TokenManager tokens = manager(grants, store, Duration.ofHours(1));
        assertThatThrownBy(() -> tokens.token("u")).isNotInstanceOf(ProcoreAuthorizationRequiredException.class);
        assertThat(store.releases).hasValue(1);
        grants.failure = null;
        AccessToken renewed = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> TokenManagerTest.afterBackoff(() -> tokens.token("u")),
                "the next call waited for a lease that the never-sent refresh should have released");
        assertThat(renewed.value()).isNotEqualTo("old");
        assertThat(grants.refreshes).hasValue(2);
    }

    @Test
    void aStoreBlipAfterProcoreAnsweredIsRetriedAndThePairKept() {
        FakeGrants grants = new FakeGrants();
        FaultyStore store = new FaultyStore();
        store.save("c@key", "u", expired("old"));
        store.failReplaces = 3; // the database drops three writes, then answers again
        TokenManager tokens = manager(grants, store, Duration.ofSeconds(30));
        AccessToken renewed = tokens.token("u");
        assertThat(store.load("c@key", "u")).contains(renewed);
        assertThat(grants.refreshes).hasValue(1);
    }

    @Test
    void aStoreOutageLongerThanTheLeaseKeepsThePairInMemoryAndStoresItWhenTheStoreIsBack() throws Exception {
        FakeGrants grants = new FakeGrants();
        FaultyStore store = new FaultyStore();
        AccessToken old = expired("old");
        store.save("c@key", "u", old);
        grants.duringRefresh = () -> store.down = true; // the store goes down while Procore answers, before the write
        TokenManager tokens = manager(grants, store, Duration.ofMillis(600));
        AccessToken renewed = tokens.token("u");
        assertThat(renewed.value()).isNotEqualTo("old");
        assertThat(tokens.token("u")).as("served from memory while the store is down").isEqualTo(renewed);
        store.down = false;
        Thread.sleep(1100); // the engine looks at the store again about a second later
        assertThat(tokens.token("u")).isEqualTo(renewed); // (the write runs in the background: callers keep the token)
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (!store.load("c@key", "u").equals(java.util.Optional.of(renewed)) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(store.load("c@key", "u")).as("persisted once the store answered").contains(renewed);
        assertThat(grants.refreshes).as("the spent refresh token was never redeemed again").hasValue(1);
    }

    @Test
    void revokeForgetsLocallyEvenWhenProcoreFails() {
        RecordingGrants grants = new RecordingGrants();
        FaultyStore store = new FaultyStore();
        AccessToken pair = fresh("signed-in");
        store.save("c@key", "u", pair);
        TokenManager tokens = manager(grants, store, Duration.ofSeconds(30));
        tokens.token("u");
        grants.revokeFailure = new TokenEndpointException("revoke refused with HTTP 503", 503, null, null, null, true);
        assertThatThrownBy(() -> tokens.revoke("u")).hasMessageContaining("503");
        assertThat(store.load("c@key", "u")).as("fail closed: forgotten in the store").isEmpty();
        assertThatThrownBy(() -> tokens.token("u")).as("and in memory").isInstanceOf(ProcoreAuthorizationRequiredException.class);
        assertThat(grants.revoked).containsExactly(pair);
    }

    @Test
    void revokeRevokesTheStoresCurrentPairNotAStaleCachedOne() {
        RecordingGrants grants = new RecordingGrants();
        FaultyStore store = new FaultyStore();
        AccessToken cached = fresh("cached-here");
        store.save("c@key", "u", cached);
        TokenManager tokens = manager(grants, store, Duration.ofSeconds(30));
        tokens.token("u");
        AccessToken rotated = fresh("rotated-by-another-node");
        store.save("c@key", "u", rotated);
        tokens.revoke("u");
        assertThat(grants.revoked).contains(rotated);
        assertThat(store.load("c@key", "u")).isEmpty();
    }

    @Test
    void aRefreshFinishingDuringSignOutNeverComesBack() throws Exception {
        RecordingGrants grants = new RecordingGrants();
        FaultyStore store = new FaultyStore();
        store.save("c@key", "u", expired("old"));
        TokenManager tokens = manager(grants, store, Duration.ofSeconds(30));
        grants.gate = new CountDownLatch(1);
        CompletableFuture<AccessToken> refreshing = CompletableFuture.supplyAsync(() -> tokens.token("u"));
        while (grants.refreshes.get() == 0) {
            Thread.sleep(5);
        }
        CompletableFuture<Void> signOut = CompletableFuture.runAsync(() -> tokens.revoke("u"));
        Thread.sleep(100);
        assertThat(signOut).as("sign-out waits for the refresh in flight").isNotDone();
        grants.gate.countDown();
        AccessToken renewed = refreshing.get(5, TimeUnit.SECONDS);
        signOut.get(5, TimeUnit.SECONDS);
        assertThat(grants.revoked).as("the pair the refresh got is revoked").contains(renewed);
        assertThat(store.load("c@key", "u")).isEmpty();
        assertThatThrownBy(() -> tokens.token("u")).isInstanceOf(ProcoreAuthorizationRequiredException.class);
    }

    @Test
    void aPairThatArrivesAfterSignOutOnAnotherNodeIsRevokedNotStored() {
        RecordingGrants grants = new RecordingGrants();
        FaultyStore store = new FaultyStore();
        store.save("c@key", "u", expired("old"));
        grants.duringRefresh = () -> store.tokens.remove("c@key", "u"); // another node signed the user out meanwhile
        TokenManager tokens = manager(grants, store, Duration.ofSeconds(30));
        assertThatThrownBy(() -> tokens.token("u")).isInstanceOf(ProcoreAuthorizationRequiredException.class)
                .hasMessageContaining("signed out");
        assertThat(store.load("c@key", "u")).as("not resurrected").isEmpty();
        assertThat(grants.revoked).hasSize(1);
    }

    @Test
    void subjectsWithoutTokensLeaveNoState() {
        FakeGrants grants = new FakeGrants();
        TokenManager tokens = manager(grants, new MemoryTokenStore(), Duration.ofSeconds(30));
        for (int i = 0; i < 200_000; i++) {
            String subject = "session:" + i;
            try {
                tokens.token(subject);
            } catch (ProcoreAuthorizationRequiredException expected) {
                // an anonymous session
            }
        }
        assertThat(tokens.subjects()).isZero();
    }

    @Test
    void tokensOfOneClientAreInvisibleToAnotherSharingTheStore() {
        FakeGrants grants = new FakeGrants();
        MemoryTokenStore shared = new MemoryTokenStore();
        TokenManager appA = TokenManager.builder("default").storeKey("default@aaaa").grantType(GrantType.CLIENT_CREDENTIALS).endpoint(grants).store(() -> shared)
                .authorizationUri(() -> null).clock(Clock.systemUTC()).refreshAhead(Duration.ofMinutes(5)).lease(Duration.ofSeconds(30)).build();
        TokenManager appB = TokenManager.builder("default").storeKey("default@bbbb").grantType(GrantType.CLIENT_CREDENTIALS).endpoint(grants).store(() -> shared)
                .authorizationUri(() -> null).clock(Clock.systemUTC()).refreshAhead(Duration.ofMinutes(5)).lease(Duration.ofSeconds(30)).build();
        AccessToken a = appA.token("service-account");
        AccessToken b = appB.token("service-account");
        assertThat(b).isNotEqualTo(a);
        assertThat(grants.clientCredentials).as("B asked for its own token").hasValue(2);
    }

    @Test
    void anUnreadableEntryMeansSignInAgainWithOneWarning() {
        FakeGrants grants = new FakeGrants();
        TokenStore unreadable = new TokenStore() {
            @Override
            public Optional<AccessToken> load(String connection, String subject) {
                throw new UnreadableTokenException("the stored access_token was sealed with key id 0123456789abcdef, which is neither "
                        + "token-store.encryption-key nor one of token-store.previous-encryption-keys", null);
            }

            @Override
            public void save(String connection, String subject, AccessToken token) {
            }

            @Override
            public boolean replace(String connection, String subject, AccessToken expected, AccessToken replacement) {
                return false;
            }

            @Override
            public void remove(String connection, String subject) {
            }
        };
        List<LogRecord> warnings = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(r);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger log = Logger.getLogger(TokenManager.class.getName());
        log.addHandler(handler);
        try {
            TokenManager tokens = manager(grants, unreadable, Duration.ofSeconds(30));
            for (String subject : List.of("a", "b", "c")) {
                assertThatThrownBy(() -> tokens.token(subject)).isInstanceOf(ProcoreAuthorizationRequiredException.class)
                        .hasMessageContaining("cannot be read");
            }
        } finally {
            log.removeHandler(handler);
        }
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).getMessage()).startsWith("{0} ");
        assertThat(warnings.get(0).getParameters()[0]).isEqualTo("PROCORE0104");
    }

    /** Issue 20, item 3: fails on an engine that takes the retried write's "row not as expected" for a sign-out elsewhere. */
    @Test
    void aWriteWhoseAnswerWasLostAfterTheCommitCountsAsWrittenAndNothingIsRevoked() {
        RecordingGrants grants = new RecordingGrants();
        FaultyStore store = new FaultyStore();
        store.save("c@key", "u", expired("old"));
        store.loseAnswers = 2; // every write of this refresh commits, and its answer is lost once
        TokenManager tokens = manager(grants, store, Duration.ofSeconds(30));
        AccessToken renewed = tokens.token("u");
        assertThat(renewed.value()).isNotEqualTo("old");
        assertThat(store.load("c@key", "u")).contains(renewed);
        assertThat(grants.revoked).as("the pair just stored is not revoked").isEmpty();
        assertThat(tokens.token("u")).isEqualTo(renewed);
        assertThat(grants.refreshes).hasValue(1);
    }

    /**
     * Issue 20, item 4: node A redeems, then the store is down for longer than A's claim lease; node B comes first when
     * it is back. Fails on an engine where B takes the lapsed claim and sends the spent refresh token again (invalid_grant,
     * row deleted, A's valid pair revoked).
     */
    @Test
    void aStoreOutageLongerThanTheLeaseNeverSendsTheSpentRefreshTokenAgain() throws Exception {
        SingleUseGrants grants = new SingleUseGrants();
        FaultyStore store = new FaultyStore();
        store.save("c@key", "u", expired("old"));
        TokenManager nodeA = manager(grants, store, Duration.ofMillis(300));
        TokenManager nodeB = manager(grants, store, Duration.ofSeconds(20)); // (B's lease only bounds how long it waits)
        grants.duringRefresh = () -> store.down = true; // Procore answers A; the store goes down before A can write
        AccessToken renewed = nodeA.token("u");
        grants.duringRefresh = null;
        Thread.sleep(1000); // the outage outlasts A's lease (300 ms) three times
        store.down = false;
        CompletableFuture<AccessToken> b = CompletableFuture.supplyAsync(() -> nodeB.token("u"));
        Thread.sleep(200); // B looks first
        assertThat(nodeA.token("u")).isEqualTo(renewed); // A, still serving its pair, stores it now that the store answers
        assertThat(TokenManagerTest.afterBackoff(() -> nodeA.token("u"))).isEqualTo(renewed);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!store.load("c@key", "u").equals(Optional.of(renewed)) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            nodeA.token("u");
        }
        assertThat(b.get(20, TimeUnit.SECONDS)).as("B gets A's pair").isEqualTo(renewed);
        assertThat(grants.invalidGrants).as("no refresh token sent twice").hasValue(0);
        assertThat(grants.refreshes).hasValue(1);
        assertThat(grants.revoked).isEmpty();
        assertThat(store.load("c@key", "u")).contains(renewed);
    }

    /**
     * Issue 20, item 5: an answer that fails in a way no check expected (the JSON parser's own RuntimeException for nesting
     * too deep). Fails on an engine that lets the raw exception through with the pair and its claim left in place: after
     * the lease the same refresh token is sent again.
     */
    @Test
    void aFailureOutsideTheChecksAfterTheRequestLeftSpendsTheRefreshTokenOnce() throws Exception {
        SingleUseGrants grants = new SingleUseGrants();
        FaultyStore store = new FaultyStore();
        store.save("c@key", "u", expired("old"));
        grants.failure = new IllegalStateException("JSON nesting too deep");
        TokenManager tokens = manager(grants, store, Duration.ofMillis(200));
        assertThatThrownBy(() -> tokens.token("u")).isInstanceOf(ProcoreAuthorizationRequiredException.class)
                .hasMessageContaining("IllegalStateException");
        Thread.sleep(500); // past the lease
        grants.failure = null;
        assertThatThrownBy(() -> tokens.token("u")).isInstanceOf(ProcoreAuthorizationRequiredException.class);
        assertThat(grants.refreshes).as("the spent refresh token is never sent again").hasValue(1);
        assertThat(store.load("c@key", "u")).isEmpty();
    }

    /** Issue 20, item 5: a process that dies after sending leaves a record: the next node never sends that refresh token. */
    @Test
    void aNodeKilledAfterSendingLeavesNoRefreshTokenForTheNextNodeToSendAgain() {
        SingleUseGrants grants = new SingleUseGrants();
        FaultyStore store = new FaultyStore();
        store.save("c@key", "u", expired("old"));
        TokenManager dying = manager(grants, store, Duration.ofMillis(100));
        grants.duringRefresh = () -> {
            throw new Error("the process is killed while Procore answers"); // (an Error: no catch of the engine runs)
        };
        assertThatThrownBy(() -> dying.token("u")).isInstanceOf(Error.class);
        grants.duringRefresh = null;
        TokenManager next = manager(grants, store, Duration.ofMillis(100));
        assertThatThrownBy(() -> next.token("u")).isInstanceOf(ProcoreAuthorizationRequiredException.class)
                .hasMessageContaining("another process sent the refresh token");
        assertThatThrownBy(() -> next.token("u")).as("once waited, further calls fail at once")
                .isInstanceOf(ProcoreAuthorizationRequiredException.class);
        assertThat(grants.refreshes).hasValue(1);
        assertThat(grants.invalidGrants).hasValue(0);
    }

    /** Issue 20, item 4: the node holding the unsaved pair stores it when the store is back, even if it serves no call. */
    @Test
    void aPairKeptInMemoryIsStoredWhenTheStoreIsBackEvenWithoutCalls() throws Exception {
        FakeGrants grants = new FakeGrants();
        FaultyStore store = new FaultyStore();
        store.save("c@key", "u", expired("old"));
        grants.duringRefresh = () -> store.down = true;
        TokenManager node = manager(grants, store, Duration.ofMillis(300));
        AccessToken renewed = node.token("u");
        grants.duringRefresh = null;
        Thread.sleep(500);
        store.down = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!store.load("c@key", "u").equals(Optional.of(renewed)) && System.nanoTime() < deadline) {
            Thread.sleep(20); // no call on the node: its own background attempt must store the pair
        }
        assertThat(store.load("c@key", "u")).contains(renewed);
        node.close();
    }

    /**
     * Issue 20, item 4: a node that finds a redemption in progress and then cannot reach the store for its whole wait has
     * learnt nothing about the redeemer: its callers hear "the token store is unavailable", and once the store answers the
     * redeemer's pair is used. Fails where the wait counts as "the redeemer died" (sign in again).
     */
    @Test
    void waitingThroughAStoreOutageIsNotTakenForADeadRedeemer() throws Exception {
        FakeGrants grants = new FakeGrants();
        FaultyStore store = new FaultyStore();
        AccessToken old = expired("old");
        store.save("c@key", "u", StoreAccess.withoutRefreshToken(old)); // another node is redeeming it
        TokenManager waiting = manager(grants, store, Duration.ofMillis(400));
        CompletableFuture<AccessToken> call = CompletableFuture.supplyAsync(() -> waiting.token("u"));
        Thread.sleep(100);
        store.down = true;
        assertThatThrownBy(() -> call.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(ProcoreException.class)
                .satisfies(e -> assertThat(e.getCause()).isNotInstanceOf(ProcoreAuthorizationRequiredException.class)
                        .hasMessageContaining("token store is unavailable"));
        store.down = false;
        AccessToken theirs = fresh("redeemed-by-the-other-node");
        store.save("c@key", "u", theirs);
        assertThat(waiting.token("u")).isEqualTo(theirs);
        assertThat(grants.refreshes).hasValue(0);
    }
}
