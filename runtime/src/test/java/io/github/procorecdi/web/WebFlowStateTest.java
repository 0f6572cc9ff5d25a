package io.github.procorecdi.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.github.procorecdi.GrantType;
import io.github.procorecdi.config.ConnectionConfig;
import io.github.procorecdi.connection.ConnectionRegistry;
import io.github.procorecdi.connection.ConnectionRuntime;
import io.github.procorecdi.connection.ContainerServices;
import io.github.procorecdi.connection.WebApplication;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/** The state of a sign-in expires after 10 minutes: a late callback is refused before any token request. */
class WebFlowStateTest {

    static final class MovableClock extends Clock {
        volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    /** The answer of one request. */
    static final class Answer {
        int status = 200;
        String location;
        final StringWriter body = new StringWriter();
    }

    @Test
    void aCallbackAfterTenMinutesIsRefused() throws Exception {
        ConnectionConfig config = ConnectionConfig.builder("default").client("id", "secret").grantType(GrantType.AUTHORIZATION_CODE)
                .redirectUri("https://app.example.com/procore/callback")
                .urls(URI.create("http://127.0.0.1:9"), URI.create("http://127.0.0.1:9")).userAgent("test")
                .timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1)).maxRetries(0).build();
        ConnectionRuntime runtime = new ConnectionRuntime(config, ContainerServices.NONE, Clock.systemUTC());
        MovableClock clock = new MovableClock();
        WebFlow flow = new WebFlow(new ConnectionRegistry(Map.of("default", config), Map.of("default", () -> runtime), new WebApplication()), clock);
        Map<String, Object> session = new HashMap<>();

        Answer login = new Answer();
        assertThat(flow.handle("/procore/login", request("/procore/login", Map.of(), session), response(login))).isTrue();
        assertThat(login.location).contains("/oauth/authorize?").contains("state=");
        Matcher m = Pattern.compile("state=([^&]+)").matcher(login.location);
        assertThat(m.find()).isTrue();
        String state = m.group(1);

        clock.now = clock.now.plus(Duration.ofMinutes(10)).plusSeconds(1);
        Answer late = new Answer();
        flow.handle("/procore/callback", request("/procore/callback", Map.of("state", state, "code", "c"), session), response(late));

        assertThat(late.status).isEqualTo(400);
        assertThat(late.body.toString()).contains("longer than 10 minutes");
        assertThat(late.location).as("no redirect, no code exchange").isNull();
    }

    private static HttpServletRequest request(String path, Map<String, String> params, Map<String, Object> attributes) {
        HttpSession session = (HttpSession) Proxy.newProxyInstance(WebFlowStateTest.class.getClassLoader(),
                new Class<?>[] {HttpSession.class}, (p, method, args) -> switch (method.getName()) {
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "setAttribute" -> attributes.put((String) args[0], args[1]);
                    case "getId" -> "session-1";
                    default -> null;
                });
        return (HttpServletRequest) Proxy.newProxyInstance(WebFlowStateTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (p, method, args) -> switch (method.getName()) {
                    case "getParameter" -> params.get((String) args[0]);
                    case "getSession" -> session;
                    case "getRequestURI" -> path;
                    case "getContextPath" -> "";
                    case "getMethod" -> "GET";
                    case "changeSessionId" -> "session-2";
                    default -> null;
                });
    }

    private static HttpServletResponse response(Answer answer) {
        PrintWriter writer = new PrintWriter(answer.body);
        return (HttpServletResponse) Proxy.newProxyInstance(WebFlowStateTest.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (p, method, args) -> {
                    switch (method.getName()) {
                        case "setStatus" -> answer.status = (Integer) args[0];
                        case "sendRedirect" -> {
                            answer.status = 302;
                            answer.location = (String) args[0];
                        }
                        case "getWriter" -> {
                            return writer;
                        }
                        default -> {
                            return null;
                        }
                    }
                    return null;
                });
    }
}
