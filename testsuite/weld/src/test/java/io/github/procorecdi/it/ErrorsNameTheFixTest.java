package io.github.procorecdi.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.TreeMap;

import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.procorecdi.ProcoreApiException;
import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.ProcoreConnection;
import io.github.procorecdi.ProcoreException;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

/** Issue 21 item 6: a service account without a company, and an API host that does not answer, get errors naming the fix. */
class ErrorsNameTheFixTest {
    static WeldContainer weld;
    static Uses uses;
    static int closedPort;

    @Dependent
    public static class Uses {
        @Inject @ProcoreClient("nocompany") CompaniesApi noCompany;
        @Inject @ProcoreClient("nocompany") ProcoreConnection noCompanyConnection;
        @Inject @ProcoreClient("down") CompaniesApi down;
    }

    @BeforeAll
    static void start() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        Map<String, String> config = new TreeMap<>(Sim.dmsa("nocompany"));
        config.remove("procore.nocompany.company-id");
        config.putAll(Sim.dmsa("down"));
        config.put("procore.down.api-url", "http://127.0.0.1:" + closedPort);
        config.put("procore.down.max-retries", "0");
        weld = WeldBoot.boot(config, Uses.class);
        uses = weld.select(Uses.class).get();
    }

    @AfterAll
    static void stop() {
        weld.close();
    }

    @Test
    void aServiceAccountCallWithoutACompanyNamesCompanyIdAndForCompany() {
        assertThatThrownBy(() -> uses.noCompany.list()).isExactlyInstanceOf(ProcoreApiException.class)
                .hasMessageContaining("Missing Procore-Company-Id header").hasMessageContaining("procore.nocompany.company-id")
                .hasMessageContaining("forCompany(companyId)")
                .satisfies(e -> assertThat(((ProcoreApiException) e).status()).isEqualTo(400));
        assertThat(uses.noCompanyConnection.forCompany(101).client(CompaniesApi.class).list()).as("the fix works").isNotEmpty();
    }

    @Test
    void anApiHostThatRefusesConnectionsIsNamedWithTheProperty() {
        assertThatThrownBy(() -> uses.down.me()).isInstanceOf(ProcoreException.class)
                .hasMessageContaining("nothing accepts connections at 127.0.0.1:" + closedPort)
                .hasMessageContaining("is set by procore.down.api-url")
                .hasMessageNotContaining("ClosedChannelException");
    }
}
