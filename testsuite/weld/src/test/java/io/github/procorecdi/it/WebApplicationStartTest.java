package io.github.procorecdi.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

import io.github.procorecdi.ProcoreAuthorizationRequiredException;
import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.ProcoreConnection;
import io.github.procorecdi.ProcoreConnections;
import io.github.procorecdi.ProcoreException;
import io.github.procorecdi.web.ProcoreWebInitializer;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;
import io.undertow.servlet.api.ServletContainerInitializerInfo;

/**
 * Whether an application is a web application is known from its start, not from its first request: a call of an
 * authorization-code connection outside a web request, before the application has served any, must name its subject
 * in a web application, and uses {@code default} in an application without servlets (Weld SE, Java SE).
 */
class WebApplicationStartTest {
    private static final String REDIRECT = "http://127.0.0.1:1/app/procore/callback";

    @Test
    void inAWebApplicationACallOutsideARequestNamesItsSubjectBeforeAnyRequestWasServed() throws Exception {
        WeldContainer weld = WeldBoot.boot(Sim.web("default", REDIRECT), CompaniesApi.class);
        DeploymentManager deployment = null;
        try {
            DeploymentInfo info = Servlets.deployment()
                    .setClassLoader(WebApplicationStartTest.class.getClassLoader())
                    .setContextPath("/app")
                    .setDeploymentName("started-not-served.war")
                    .addServletContainerInitializer(new ServletContainerInitializerInfo(ProcoreWebInitializer.class, Set.of()));
            deployment = Servlets.defaultContainer().addDeployment(info);
            deployment.deploy();
            deployment.start(); // started, not one request served: filters start at their first request in Undertow

            CompaniesApi api = weld.select(CompaniesApi.class, ProcoreClient.Literal.of("default")).get();
            assertThatThrownBy(api::me).as("a call outside a request, before any request")
                    .isExactlyInstanceOf(ProcoreException.class)
                    .hasMessageContaining("this call runs outside a web request")
                    .hasMessageContaining("connection.forSubject");

            ProcoreConnection connection = weld.select(ProcoreConnection.class, ProcoreClient.Literal.of("default")).get();
            assertThatThrownBy(() -> connection.forSubject("alice").client(CompaniesApi.class).me())
                    .as("forSubject names the subject: alice has not signed in")
                    .isInstanceOfSatisfying(ProcoreAuthorizationRequiredException.class, e -> assertThat(e.subject()).isEqualTo("alice"));
        } finally {
            if (deployment != null) {
                deployment.stop();
                deployment.undeploy();
            }
            weld.close();
        }
    }

    @Test
    void withoutServletsACallOutsideARequestUsesTheDefaultSubject() {
        WeldContainer weld = WeldBoot.boot(Sim.web("default", REDIRECT), CompaniesApi.class);
        try {
            CompaniesApi api = weld.select(CompaniesApi.class, ProcoreClient.Literal.of("default")).get();
            assertThatThrownBy(api::me).as("Weld SE without servlets")
                    .isInstanceOfSatisfying(ProcoreAuthorizationRequiredException.class, e -> assertThat(e.subject()).isEqualTo("default"));
        } finally {
            weld.close();
        }
    }

    @Test
    void javaSeConnectionsUseTheDefaultSubject() {
        Map<String, String> properties = new TreeMap<>();
        Sim.web("se", REDIRECT).forEach((key, value) -> properties.put(key.substring("procore.se.".length()), value));
        ProcoreConnection connection = ProcoreConnections.open("se", properties);
        try {
            assertThatThrownBy(() -> connection.client(CompaniesApi.class).me()).as("Java SE ProcoreConnections")
                    .isInstanceOfSatisfying(ProcoreAuthorizationRequiredException.class, e -> assertThat(e.subject()).isEqualTo("default"));
        } finally {
            ProcoreConnections.close(connection);
        }
    }
}
