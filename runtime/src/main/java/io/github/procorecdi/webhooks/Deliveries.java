package io.github.procorecdi.webhooks;

/**
 * Which webhook deliveries were already handled, by key (a connection's store key plus the event's {@code ulid}):
 * Procore delivers at least once, and a redelivery must not be fired again, on this node or any other.
 */
public interface Deliveries {
    /** What {@link #claim} found. */
    enum Claim {
        /** Never seen (or an earlier attempt failed): the caller handles it, then calls {@link #accepted} or {@link #release}. */
        CLAIMED,
        /** Already accepted (answered 200): not fired again. */
        ACCEPTED,
        /** Being handled right now by another request or node: answer so that Procore delivers again later. */
        IN_PROGRESS
    }

    /** How long a claim holds before another node may take it (a node killed mid-delivery). */
    java.time.Duration CLAIM_LEASE = java.time.Duration.ofSeconds(60);
    /** How long an accepted key is remembered: longer than Procore retries a delivery. */
    java.time.Duration WINDOW = java.time.Duration.ofDays(3);

    Claim claim(String key);

    /** The synchronous observers succeeded: redeliveries are answered 200 and not fired. */
    void accepted(String key);

    /** The synchronous observers failed: the redelivery is fired again. */
    void release(String key);
}
