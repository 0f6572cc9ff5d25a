package io.github.procorecdi.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.procorecdi.ProcoreApiException;
import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.ProcoreConnection;
import io.github.procorecdi.simulator.ProcoreSimulator;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

/**
 * The application's Fault Tolerance annotations on a client interface keep their meaning and attempts never multiply,
 * on a container whose REST client applies no interceptors to clients built by RestClientBuilder (RESTEasy on Weld,
 * with SmallRye Fault Tolerance present): procore-cdi applies {@code @Retry} itself and reports the rest.
 */
class FaultToleranceTest {
    final ProcoreSimulator sim = Sim.get();

    @Dependent // its fields are read directly
    public static class FaultTolerantApp {
        @Inject
        @ProcoreClient("ft")
        FaultTolerantApi api;
        @Inject
        @ProcoreClient("ft")
        ProcoreConnection connection;
    }

    @BeforeEach
    @AfterEach
    void reset() {
        sim.reset();
    }

    static Map<String, String> config() {
        Map<String, String> config = new TreeMap<>(Sim.dmsa("ft"));
        config.put("procore.ft.max-retries", "3");
        return config;
    }

    private int sends() {
        return (int) sim.apiRequests().stream().filter(r -> r.path().endsWith("/companies")).count();
    }

    @Test
    void retryDecidesTheAttemptsWhereItApplies() {
        try (WeldContainer c = WeldBoot.boot(config(), FaultTolerantApp.class)) {
            FaultTolerantApi api = c.select(FaultTolerantApp.class).get().api;
            api.plain(); // token and a first answer
            sim.reset();
            sim.faults().failNextApiCalls(100, 503, null);
            assertThatThrownBy(api::retried).isInstanceOf(ProcoreApiException.class);
            assertThat(sends()).as("@Retry(maxRetries = 2): 3 sends, not 3 x (1 + max-retries)").isEqualTo(3);

            sim.reset();
            sim.faults().failNextApiCalls(100, 503, null);
            assertThatThrownBy(api::plain).isInstanceOf(ProcoreApiException.class);
            assertThat(sends()).as("no annotation: procore-cdi's 1 + max-retries").isEqualTo(4);
        }
    }

    @Test
    void theSameHoldsForClientsOfForCompany() {
        try (WeldContainer c = WeldBoot.boot(config(), FaultTolerantApp.class)) {
            FaultTolerantApi api = c.select(FaultTolerantApp.class).get().connection.forCompany(202).client(FaultTolerantApi.class);
            api.plain();
            sim.reset();
            sim.faults().failNextApiCalls(100, 503, null);
            assertThatThrownBy(api::retried).isInstanceOf(ProcoreApiException.class);
            assertThat(sends()).isEqualTo(3);
            assertThat(api.toString()).contains("connection=ft").contains("company=202");
        }
    }

    @Test
    void retryOnNarrowsWhatIsRetried() {
        try (WeldContainer c = WeldBoot.boot(config(), FaultTolerantApp.class)) {
            FaultTolerantApi api = c.select(FaultTolerantApp.class).get().api;
            api.plain();
            sim.reset();
            sim.faults().failNextApiCalls(100, 503, null);
            assertThatThrownBy(api::onlyRateLimits).isInstanceOf(ProcoreApiException.class);
            assertThat(sends()).as("@Retry(retryOn = ProcoreRateLimitException.class): a 503 is not retried").isEqualTo(1);
        }
    }

    @Test
    void annotationsThisServerDoesNotApplyAreReportedOnceNamingTheFix() {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger("io.github.procorecdi.extension.faulttolerance");
        logger.addHandler(handler);
        try (WeldContainer c = WeldBoot.boot(config(), FaultTolerantApp.class)) {
            FaultTolerantApi api = c.select(FaultTolerantApp.class).get().api;
            api.plain();
            sim.reset();
            sim.faults().failNextApiCalls(2, 503, null);
            api.bounded(); // a failure asks for the method's rule
            sim.faults().failNextApiCalls(2, 503, null);
            api.bounded();
            List<String> warnings = records.stream().filter(r -> r.getLevel() == Level.WARNING)
                    .map(r -> java.text.MessageFormat.format(r.getMessage(), r.getParameters())).toList();
            assertThat(warnings).singleElement().asString().startsWith("PROCORE0401 ").contains("@Timeout")
                    .contains(FaultTolerantApi.class.getName() + ".bounded()").contains("Put it on the method of your bean");
            assertThat(sends()).as("without @Retry the connection's max-retries apply").isEqualTo(6);
        } finally {
            logger.removeHandler(handler);
        }
    }
}
