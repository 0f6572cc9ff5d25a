package io.github.procorecdi.internal;

/** The stable ids that start procore-cdi's INFO and WARNING log lines (docs/operating.md lists them). */
public final class LogIds {
    /** INFO: a connection is ready (name, grant, environment, store). */
    public static final String CONNECTION_READY = "PROCORE0001";
    /**
     * INFO: a connection is first used: the store key its tokens are kept under (computed then, not at start: its
     * digest is the application's first use of the JDK's message digests, which costs tens of milliseconds).
     */
    public static final String STORE_KEY = "PROCORE0002";
    /** WARNING: a refresh token was spent without a usable successor; the subject must authorize again. */
    public static final String SESSION_LOST = "PROCORE0101";
    /** WARNING: the store failed to take a pair Procore issued; it is kept in memory. */
    public static final String STORE_WRITE_FAILED = "PROCORE0102";
    /** INFO: a pair kept in memory was stored after the store came back. */
    public static final String STORE_WRITE_RECOVERED = "PROCORE0103";
    /** WARNING: a stored token cannot be read (wrong or missing key, tampering); its subject must authorize again. */
    public static final String UNREADABLE_TOKEN = "PROCORE0104";
    /**
     * WARNING (once per connection): this node's clock runs so far ahead of Procore's that a token's {@code created_at}
     * plus {@code expires_in} was already past when it was requested; token lives are counted from this node's clock.
     */
    public static final String CLOCK_AHEAD = "PROCORE0108";
    /** WARNING: a node cannot add its API call counts to the activity table (INFO with the same id when it can again). */
    public static final String ACTIVITY_WRITE_FAILED = "PROCORE0105";
    /** WARNING: the rate limit is exhausted; calls wait or fail fast until it resets. */
    public static final String RATE_LIMITED = "PROCORE0201";
    /** WARNING: a company has the app disconnected; its calls fail at once for a while. */
    public static final String APP_NOT_CONNECTED = "PROCORE0202";
    /** WARNING: a webhook delivery could not be handled (an observer failed, or the deliveries store); Procore delivers it again. */
    public static final String WEBHOOK_FAILED = "PROCORE0301";

    /**
     * WARNING: a Fault Tolerance annotation on a client interface is not applied by this server (no interceptors on REST
     * clients built by a library); put it on the calling bean's method.
     */
    public static final String FAULT_TOLERANCE_NOT_APPLIED = "PROCORE0401";

    private LogIds() {
    }
}
