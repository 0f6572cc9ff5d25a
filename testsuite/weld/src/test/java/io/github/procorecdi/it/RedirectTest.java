package io.github.procorecdi.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.github.procorecdi.ProcoreApiException;
import io.github.procorecdi.ProcoreClient;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

/** An API answer that redirects is never followed: the access token would go wherever it points (issue 8). */
class RedirectTest {

    @Dependent
    public static class Uses {
        @Inject @ProcoreClient CompaniesApi companies;
    }

    @Test
    void aRedirectingApiAnswerIsAnErrorAndTheTokenGoesNowhereElse() throws Exception {
        AtomicInteger elsewhere = new AtomicInteger();
        AtomicReference<String> authorizationSeenElsewhere = new AtomicReference<>();
        HttpServer api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/rest/v1.0/me", exchange -> {
            exchange.getResponseHeaders().set("Location", "/elsewhere");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        api.createContext("/elsewhere", exchange -> {
            elsewhere.incrementAndGet();
            authorizationSeenElsewhere.set(exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        api.start();
        try {
            Map<String, String> config = new TreeMap<>(Sim.dmsa("default"));
            config.put("procore.default.api-url", "http://127.0.0.1:" + api.getAddress().getPort());
            config.put("procore.default.company-id", "101");
            try (WeldContainer c = WeldBoot.boot(config, Uses.class, CompaniesApi.class)) {
                Uses uses = c.select(Uses.class).get();
                assertThatThrownBy(() -> uses.companies.me()).isInstanceOfSatisfying(ProcoreApiException.class,
                        e -> assertThat(e.status()).isEqualTo(302));
            }
        } finally {
            api.stop(0);
        }
        assertThat(elsewhere).as("the redirect target was never called").hasValue(0);
        assertThat(authorizationSeenElsewhere.get()).isNull();
    }
}
