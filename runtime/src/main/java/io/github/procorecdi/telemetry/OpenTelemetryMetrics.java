package io.github.procorecdi.telemetry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import io.github.procorecdi.internal.Version;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableLongCounter;
import io.opentelemetry.api.metrics.ObservableLongGauge;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;

/**
 * The contract's metrics and span on the OpenTelemetry API. Loaded only where that API is visible (the extension checks
 * first). Attribute sets are built once per connection and value, so recording allocates no attributes; the values are
 * the connection's name, grant types, outcomes and HTTP statuses: bounded, never a subject, token or secret.
 */
public final class OpenTelemetryMetrics implements ConnectionMetrics {
    /** Instrumentation scope of every metric and span. */
    public static final String SCOPE = "io.github.procorecdi";
    static final AttributeKey<String> CONNECTION = AttributeKey.stringKey("connection");
    static final AttributeKey<String> GRANT = AttributeKey.stringKey("grant");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("outcome");
    static final AttributeKey<Long> STATUS = AttributeKey.longKey("status");
    static final AttributeKey<String> METHOD = AttributeKey.stringKey("method");
    static final AttributeKey<String> ROUTE = AttributeKey.stringKey("route");

    private final String connection;
    private final Attributes connectionOnly;
    private final Tracer tracer;
    private final LongCounter tokenRequests;
    private final DoubleHistogram tokenWait;
    private final LongCounter retries;
    private final LongCounter rateLimitWaits;
    /** The callbacks registered with the meter (they refer to the connection): closed with it. */
    private final ObservableLongGauge remainingGauge;
    private final ObservableLongCounter callsCounter;
    private final Map<String, Attributes> grants = new ConcurrentHashMap<>();
    private final Map<String, Attributes> outcomes = new ConcurrentHashMap<>();
    private final Map<Integer, Attributes> statuses = new ConcurrentHashMap<>();
    /** By method, route and code: bounded by the routes of the application's interfaces and the codes Procore answers. */
    private final Map<String, Attributes> calls = new ConcurrentHashMap<>();

    private OpenTelemetryMetrics(OpenTelemetry otel, String connection, LongSupplier rateLimitRemaining, ApiCallTotals apiCalls) {
        this.connection = connection;
        this.connectionOnly = Attributes.of(CONNECTION, connection);
        Meter meter = otel.meterBuilder(SCOPE).setInstrumentationVersion(Version.version()).build();
        this.tracer = otel.tracerBuilder(SCOPE).setInstrumentationVersion(Version.version()).build();
        this.tokenRequests = meter.counterBuilder("procore.token.requests").setUnit("{request}")
                .setDescription("Token requests to Procore's OAuth endpoint, by outcome").build();
        this.tokenWait = meter.histogramBuilder("procore.token.wait").setUnit("s")
                .setDescription("How long a caller waited for a token it did not have").build();
        this.retries = meter.counterBuilder("procore.api.retries").setUnit("{retry}")
                .setDescription("API calls sent again, by the status that caused it (0: an I/O failure)").build();
        this.rateLimitWaits = meter.counterBuilder("procore.ratelimit.waits").setUnit("{wait}")
                .setDescription("Calls that waited for a rate-limit window to reset").build();
        this.remainingGauge = meter.gaugeBuilder("procore.ratelimit.remaining").ofLongs().setUnit("{request}")
                .setDescription("The last X-Rate-Limit-Remaining Procore answered on the connection")
                .buildWithCallback(gauge -> {
                    long remaining = rateLimitRemaining.getAsLong();
                    if (remaining >= 0) {
                        gauge.record(remaining, connectionOnly);
                    }
                });
        this.callsCounter = meter.counterBuilder("procore.api.calls").setUnit("{call}")
                .setDescription("API calls answered, by HTTP method, normalized route and response code (retries and 401 renewals included)")
                .buildWithCallback(counter -> apiCalls.forEach((method, route, status, count) -> counter.record(count,
                        calls.computeIfAbsent(method + ' ' + status + ' ' + route,
                                k -> Attributes.of(CONNECTION, connection, METHOD, method, ROUTE, route, STATUS, (long) status)))));
    }

    /**
     * @param openTelemetry an {@code io.opentelemetry.api.OpenTelemetry} (typed as Object so callers need not load it)
     * @return the connection's metrics on it
     */
    public static Telemetry telemetry(Object openTelemetry) {
        OpenTelemetry otel = (OpenTelemetry) openTelemetry;
        return new Telemetry() {
            @Override
            public ConnectionMetrics connection(String connection, String grant, LongSupplier remaining) {
                return connection(connection, grant, remaining, ApiCallTotals.NONE);
            }

            @Override
            public ConnectionMetrics connection(String connection, String grant, LongSupplier remaining, ApiCallTotals apiCalls) {
                return new OpenTelemetryMetrics(otel, connection, remaining, apiCalls);
            }
        };
    }

    @Override
    public void close() {
        remainingGauge.close();
        callsCounter.close();
    }

    @Override
    public TokenRequest tokenRequest(String grant) {
        Attributes attributes = grants.computeIfAbsent(grant, g -> Attributes.of(CONNECTION, connection, GRANT, g));
        Span span = tracer.spanBuilder("procore.token").setSpanKind(SpanKind.CLIENT).setAllAttributes(attributes).startSpan();
        return outcome -> {
            tokenRequests.add(1, outcomes.computeIfAbsent(grant + ' ' + outcome,
                    k -> Attributes.of(CONNECTION, connection, GRANT, grant, OUTCOME, outcome)));
            if (!SUCCESS.equals(outcome)) {
                span.setStatus(StatusCode.ERROR, outcome);
            }
            span.end();
        };
    }

    @Override
    public void tokenWait(long nanos) {
        tokenWait.record(nanos / 1e9, connectionOnly);
    }

    @Override
    public void retry(int status) {
        retries.add(1, statuses.computeIfAbsent(status, s -> Attributes.of(CONNECTION, connection, STATUS, (long) s)));
    }

    @Override
    public void rateLimitWait() {
        rateLimitWaits.add(1, connectionOnly);
    }

    @Override
    public String toString() {
        return "OpenTelemetryMetrics[" + connection + "]";
    }
}
