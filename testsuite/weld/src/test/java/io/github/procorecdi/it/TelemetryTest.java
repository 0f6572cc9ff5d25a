package io.github.procorecdi.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.ProcoreTokenException;
import io.github.procorecdi.simulator.ProcoreSimulator;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

/** The contract's metrics and span, on the application's OpenTelemetry bean (the SDK with in-memory exporters). */
class TelemetryTest {
    static final InMemoryMetricReader METRICS = InMemoryMetricReader.create();
    static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
    static final AttributeKey<String> CONNECTION = AttributeKey.stringKey("connection");
    static final AttributeKey<String> GRANT = AttributeKey.stringKey("grant");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("outcome");
    static final AttributeKey<Long> STATUS = AttributeKey.longKey("status");
    static final AttributeKey<String> METHOD = AttributeKey.stringKey("method");
    static final AttributeKey<String> ROUTE = AttributeKey.stringKey("route");

    final ProcoreSimulator sim = Sim.get();
    OpenTelemetrySdk sdk;

    /** What MicroProfile Telemetry gives an application: an {@code OpenTelemetry} bean. */
    @ApplicationScoped
    public static class TelemetryProducer {
        static OpenTelemetrySdk sdk;

        @Produces
        @ApplicationScoped
        OpenTelemetry openTelemetry() {
            return sdk;
        }
    }

    /**
     * An {@code OpenTelemetry} bean that, like Payara Micro's, is the application's configured SDK only when its instance
     * is made on the application's thread, and another SDK (here a no-op) when made on a server thread.
     */
    @ApplicationScoped
    public static class ThreadBoundTelemetryProducer {
        static OpenTelemetrySdk sdk;
        static Thread applicationThread;

        @Produces
        @ApplicationScoped
        OpenTelemetry openTelemetry() {
            return Thread.currentThread() == applicationThread ? sdk : OpenTelemetry.noop();
        }
    }

    @ApplicationScoped
    public static class MeteredApp {
        @Inject
        @ProcoreClient("metered")
        CompaniesApi metered;
        @Inject
        @ProcoreClient("wrong")
        CompaniesApi wrong;

        List<Company> companies() {
            return metered.list();
        }

        List<Company> wrongCompanies() {
            return wrong.list();
        }
    }

    @BeforeEach
    void start() {
        sim.reset();
        SPANS.reset();
        sdk = OpenTelemetrySdk.builder()
                .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(METRICS).build())
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(SPANS)).build())
                .build();
        TelemetryProducer.sdk = sdk;
    }

    @AfterEach
    void stop() {
        sim.reset();
    }

    static Map<String, String> config() {
        Map<String, String> config = new TreeMap<>(Sim.dmsa("metered"));
        config.putAll(Sim.dmsa("wrong", ProcoreSimulator.DMSA_CLIENT_ID, "not-the-secret-7733"));
        config.put("procore.wrong.max-retries", "0");
        return config;
    }

    @Test
    void tokenRequestsRetriesAndRateLimitAreReportedWithBoundedAttributes() throws Exception {
        try (WeldContainer c = WeldBoot.boot(config(), TelemetryProducer.class, MeteredApp.class)) {
            MeteredApp app = c.select(MeteredApp.class).get();
            app.companies();
            app.companies(); // the cached token: nothing more recorded but the call

            assertThat(sum("procore.token.requests", Attributes.of(CONNECTION, "metered", GRANT, "client_credentials", OUTCOME, "success")))
                    .isEqualTo(1);
            assertThat(histogramCount("procore.token.wait", Attributes.of(CONNECTION, "metered"))).as("only the first caller waited")
                    .isEqualTo(1);
            List<SpanData> spans = SPANS.getFinishedSpanItems();
            assertThat(spans).hasSize(1);
            assertThat(spans.get(0).getName()).isEqualTo("procore.token");
            assertThat(spans.get(0).getAttributes().asMap()).isEqualTo(Attributes.of(CONNECTION, "metered", GRANT, "client_credentials").asMap());

            sim.faults().failNextApiCalls(2, 503, 0);
            app.companies();
            assertThat(sum("procore.api.retries", Attributes.of(CONNECTION, "metered", STATUS, 503L))).isEqualTo(2);

            sim.expireAccessTokens(); // Procore answers 401: one renewal, one retry
            app.companies();
            assertThat(sum("procore.api.retries", Attributes.of(CONNECTION, "metered", STATUS, 401L))).isEqualTo(1);
            assertThat(sum("procore.token.requests", Attributes.of(CONNECTION, "metered", GRANT, "client_credentials", OUTCOME, "success")))
                    .isEqualTo(2);

            sim.rateLimit(3, Duration.ofSeconds(2));
            app.companies();
            assertThat(gauge("procore.ratelimit.remaining", Attributes.of(CONNECTION, "metered"))).isEqualTo(2);
            app.companies();
            app.companies(); // remaining 0: the next call waits for the reset
            assertThat(gauge("procore.ratelimit.remaining", Attributes.of(CONNECTION, "metered"))).isEqualTo(0);
            app.companies();
            assertThat(sum("procore.ratelimit.waits", Attributes.of(CONNECTION, "metered"))).isEqualTo(1);
            assertThat(sum("procore.api.retries", Attributes.of(CONNECTION, "metered", STATUS, 429L))).as("paced, not refused").isZero();

            assertThatThrownBy(app::wrongCompanies).isInstanceOf(ProcoreTokenException.class);
            assertThat(sum("procore.token.requests", Attributes.of(CONNECTION, "wrong", GRANT, "client_credentials", OUTCOME, "rejected")))
                    .isEqualTo(1);
            assertThat(SPANS.getFinishedSpanItems()).filteredOn(s -> "wrong".equals(s.getAttributes().get(CONNECTION)))
                    .singleElement().satisfies(s -> assertThat(s.getStatus().getStatusCode().name()).isEqualTo("ERROR"));

            // every call answered, by method, route and code: retries and the 401 renewal included
            Attributes companies200 = Attributes.of(CONNECTION, "metered", METHOD, "GET", ROUTE, "/rest/v1.0/companies", STATUS, 200L);
            assertThat(sum("procore.api.calls", companies200)).isEqualTo(8);
            assertThat(sum("procore.api.calls", Attributes.of(CONNECTION, "metered", METHOD, "GET", ROUTE, "/rest/v1.0/companies", STATUS, 503L)))
                    .isEqualTo(2);
            assertThat(sum("procore.api.calls", Attributes.of(CONNECTION, "metered", METHOD, "GET", ROUTE, "/rest/v1.0/companies", STATUS, 401L)))
                    .isEqualTo(1);

            // bounded and safe: every attribute value is a connection name, grant, outcome, method, route or status
            Set<Object> values = new HashSet<>();
            for (MetricData m : METRICS.collectAllMetrics()) {
                m.getData().getPoints().forEach(p -> values.addAll(p.getAttributes().asMap().values()));
            }
            SPANS.getFinishedSpanItems().forEach(s -> values.addAll(s.getAttributes().asMap().values()));
            assertThat(values).containsOnly("metered", "wrong", "client_credentials", "success", "rejected", 503L, 401L,
                    "GET", "/rest/v1.0/companies", 200L);
            String everything = METRICS.collectAllMetrics() + " " + SPANS.getFinishedSpanItems();
            assertThat(everything).doesNotContain("not-the-secret-7733").doesNotContain(ProcoreSimulator.DMSA_CLIENT_SECRET);
        }
    }

    /**
     * Issue 24: the first token request of a connection used by nothing but its readiness check comes from a server
     * thread, and is still counted on the application's OpenTelemetry: the bean's instance is made when the application
     * starts, on its thread, not at the first token request (on Payara Micro that thread made a second, unconfigured SDK,
     * and the metric never reached the exporter).
     */
    @Test
    void aFirstTokenRequestOnAServerThreadIsCountedOnTheApplicationsTelemetry() throws Exception {
        ThreadBoundTelemetryProducer.sdk = sdk;
        ThreadBoundTelemetryProducer.applicationThread = Thread.currentThread();
        try (WeldContainer c = WeldBoot.boot(Sim.dmsa("probedfirst"), ThreadBoundTelemetryProducer.class)) {
            java.util.concurrent.atomic.AtomicReference<Object> status = new java.util.concurrent.atomic.AtomicReference<>();
            Thread health = new Thread(() -> status.set(ReadinessTest.checks(c).get("procore-cdi:probedfirst").getStatus()), "server-health");
            health.start();
            health.join();
            assertThat(status.get()).hasToString("UP");
            assertThat(sim.counters().tokenRequests("client_credentials")).as("the readiness check asked for the token").isEqualTo(1);
            assertThat(sum("procore.token.requests", Attributes.of(CONNECTION, "probedfirst", GRANT, "client_credentials", OUTCOME, "success")))
                    .as("counted on the application's SDK").isEqualTo(1);
        }
    }

    private static MetricData metric(String name) {
        return METRICS.collectAllMetrics().stream().filter(m -> m.getName().equals(name)).findFirst().orElse(null);
    }

    static long sum(String name, Attributes attributes) {
        MetricData m = metric(name);
        return m == null ? 0 : m.getLongSumData().getPoints().stream().filter(p -> p.getAttributes().equals(attributes))
                .mapToLong(p -> p.getValue()).sum();
    }

    static long histogramCount(String name, Attributes attributes) {
        MetricData m = metric(name);
        return m == null ? 0 : m.getHistogramData().getPoints().stream().filter(p -> p.getAttributes().equals(attributes))
                .mapToLong(p -> p.getCount()).sum();
    }

    static long gauge(String name, Attributes attributes) {
        MetricData m = metric(name);
        return m == null ? -1 : m.getLongGaugeData().getPoints().stream().filter(p -> p.getAttributes().equals(attributes))
                .mapToLong(p -> p.getValue()).findFirst().orElse(-1);
    }
}
