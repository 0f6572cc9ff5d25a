package io.github.procorecdi.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.procorecdi.GrantType;
import io.github.procorecdi.config.ConnectionConfig;
import io.github.procorecdi.config.HealthConfig;
import io.github.procorecdi.health.PrivateRoutes;
import jakarta.servlet.http.HttpServletRequest;

/** Who may see a status page: loopback callers not behind a proxy, or, when a role is named, callers with it. */
class StatusPagesAccessTest {

    private static List<ConnectionConfig> page(String role) {
        return List.of(ConnectionConfig.builder("ops").client("id", "secret").grantType(GrantType.CLIENT_CREDENTIALS)
                .health(new HealthConfig("/procore/status", role, PrivateRoutes.NONE)).build());
    }

    private static HttpServletRequest request(String remote, Map<String, String> headers, String role) {
        return (HttpServletRequest) Proxy.newProxyInstance(StatusPagesAccessTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getRemoteAddr" -> remote;
                    case "getHeader" -> headers.get((String) args[0]);
                    case "isUserInRole" -> role != null && role.equals(args[0]);
                    default -> null;
                });
    }

    @Test
    void withoutARoleOnlyLoopbackCallersNotBehindAProxy() {
        assertThat(StatusPages.refusal(page(null), request("127.0.0.1", Map.of(), null))).isNull();
        assertThat(StatusPages.refusal(page(null), request("0:0:0:0:0:0:0:1", Map.of(), null))).isNull();
        assertThat(StatusPages.refusal(page(null), request("10.1.2.3", Map.of(), null))).contains("loopback");
        assertThat(StatusPages.refusal(page(null), request("127.0.0.1", Map.of("X-Forwarded-For", "203.0.113.9"), null))).isNotNull();
        assertThat(StatusPages.refusal(page(null), request("127.0.0.1", Map.of("Forwarded", "for=203.0.113.9"), null))).isNotNull();
        assertThat(StatusPages.refusal(page(null), request("localhost", Map.of(), null))).as("names are never looked up").isNotNull();
        assertThat(StatusPages.refusal(page(null), request(null, Map.of(), null))).isNotNull();
    }

    @Test
    void aNamedRoleIsNeededFromAnywhereAndEnoughFromAnywhere() {
        assertThat(StatusPages.refusal(page("procore-admin"), request("127.0.0.1", Map.of(), null)))
                .contains("procore.ops.web.status-role");
        assertThat(StatusPages.refusal(page("procore-admin"), request("127.0.0.1", Map.of(), "other-role"))).isNotNull();
        assertThat(StatusPages.refusal(page("procore-admin"), request("10.1.2.3", Map.of(), "procore-admin"))).isNull();
    }
}
