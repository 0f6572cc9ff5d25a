package io.github.procorecdi.wildfly;

import java.nio.file.Path;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.procorecdi.servers.ServerContractTests;
import io.github.procorecdi.servers.ServerDeployments;

/** The server contract on WildFly with standalone-microprofile.xml. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WildFlyTest extends ServerContractTests {
    static final int PORT = 8080;

    @Deployment(name = "app", testable = false)
    static WebArchive appDeployment() {
        return ServerDeployments.app(PORT);
    }

    @Deployment(name = "broken", managed = false, testable = false)
    static WebArchive brokenDeployment() {
        return ServerDeployments.broken();
    }

    @Override
    protected String app() {
        return "http://127.0.0.1:" + PORT + "/" + ServerDeployments.CONTEXT;
    }

    @Override
    protected Path serverLog() {
        return Path.of(System.getProperty("jboss.home"), "standalone", "log", "server.log");
    }
}
