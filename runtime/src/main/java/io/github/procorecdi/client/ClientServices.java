package io.github.procorecdi.client;

import io.github.procorecdi.config.ConnectionConfig;
import io.github.procorecdi.telemetry.ConnectionMetrics;
import io.github.procorecdi.token.TokenManager;

/**
 * What every client of one connection shares, built once by {@link RestClients}: the connection's settings, its token
 * manager and subjects, the rate-limit pacer, the retry policy and each method's retry rules, the companies that
 * disconnected the app, the metrics, and the sender of {@code CompletionStage} methods. A client adds only what it is
 * bound to ({@link ClientScope}).
 */
final class ClientServices {
    final ConnectionConfig config;
    final TokenManager tokens;
    final Subjects subjects;
    final RateLimitPacer pacer;
    final RetryPolicy retries;
    final RetryRules rules;
    final NotConnectedCompanies notConnected;
    final ConnectionMetrics metrics;
    final AsyncCalls async;

    private ClientServices(Builder b) {
        this.config = b.config;
        this.tokens = b.tokens;
        this.subjects = b.subjects;
        this.pacer = b.pacer;
        this.retries = b.retries;
        this.rules = b.rules;
        this.notConnected = b.notConnected;
        this.metrics = b.metrics;
        this.async = b.async;
    }

    static Builder builder(ConnectionConfig config) {
        return new Builder(config);
    }

    /** Collects the shared parts (every one is needed by a real client; a unit test may leave out what it never reaches). */
    static final class Builder {
        private final ConnectionConfig config;
        private TokenManager tokens;
        private Subjects subjects;
        private RateLimitPacer pacer;
        private RetryPolicy retries;
        private RetryRules rules;
        private NotConnectedCompanies notConnected;
        private ConnectionMetrics metrics;
        private AsyncCalls async;

        private Builder(ConnectionConfig config) {
            this.config = config;
        }

        Builder tokens(TokenManager tokens, Subjects subjects) {
            this.tokens = tokens;
            this.subjects = subjects;
            return this;
        }

        Builder pacing(RateLimitPacer pacer, NotConnectedCompanies notConnected) {
            this.pacer = pacer;
            this.notConnected = notConnected;
            return this;
        }

        Builder retries(RetryPolicy retries, RetryRules rules) {
            this.retries = retries;
            this.rules = rules;
            return this;
        }

        Builder metrics(ConnectionMetrics metrics) {
            this.metrics = metrics;
            return this;
        }

        Builder async(AsyncCalls async) {
            this.async = async;
            return this;
        }

        ClientServices build() {
            return new ClientServices(this);
        }
    }
}
