package io.github.procorecdi;

import java.time.Duration;
import java.util.Optional;

/**
 * Where a connection keeps its tokens, one {@link AccessToken} (with its refresh token) per
 * (connection, subject).
 *
 * <p><b>The {@code connection} argument is the connection's store key</b>, not only its name: the
 * name, then {@code @}, then a digest of the client id and the environment's login host (for example
 * {@code default@3f9a0c2b51d7e8a4}). Tokens belong to the client that obtained them: two applications
 * that share a store and a connection name but not a client id (or an environment) never see each
 * other's tokens. Keep the key as given; it is at most 250 characters.
 *
 * <p>Built-ins: {@code memory}, {@code file} and {@code jdbc}; an application supplies its own
 * as a {@code @Named} CDI bean and selects it with {@code procore.<name>.token-store=<bean name>}.
 *
 * <p>Procore refresh tokens are single-use. The engine redeems a refresh token only after
 * {@link #claimRefresh} returned {@code true} for it, and stores the new pair with
 * {@link #replace} (compare-and-set against the pair that was redeemed) before anyone uses it.
 * A store shared by several JVMs must make both operations atomic across all of them, and decide
 * claim leases by one clock (the built-in {@code jdbc} store uses the database's).
 * Implementations must be thread-safe. An entry that exists but cannot be read should be reported
 * as absent or by an exception; the engine then asks the subject to authorize again.
 */
public interface TokenStore {

    /** @return the stored token of this subject, if any */
    Optional<AccessToken> load(String connection, String subject);

    /** Stores {@code token} for this subject, replacing whatever was there (new authorization). */
    void save(String connection, String subject, AccessToken token);

    /**
     * Atomically replaces {@code expected} with {@code replacement}.
     *
     * @param replacement the new token, or {@code null} to remove the entry
     * @return {@code false}, changing nothing, if the stored token is not {@code expected}
     */
    boolean replace(String connection, String subject, AccessToken expected, AccessToken replacement);

    /** Forgets the subject's token (revocation, logout). */
    void remove(String connection, String subject);

    /**
     * Claims the right to redeem the refresh token of {@code current}. Exactly one caller, across
     * every JVM sharing the store, may hold the claim for a given pair until {@code lease} has
     * passed or the pair was replaced. In-process callers are already serialised by the engine,
     * so a store used by a single JVM may keep the default, which always grants the claim.
     *
     * @return {@code true} if this caller may redeem the refresh token now
     */
    default boolean claimRefresh(String connection, String subject, AccessToken current, Duration lease) {
        return true;
    }

    /**
     * Gives up a claim {@link #claimRefresh} granted on {@code current}, because the refresh request
     * provably never left (connection refused, unknown host): the refresh token is intact and another
     * caller may redeem it at once instead of waiting for the lease to run out. Stores that keep no
     * claims keep the default, which does nothing.
     */
    default void releaseClaim(String connection, String subject, AccessToken current) {
    }
}
