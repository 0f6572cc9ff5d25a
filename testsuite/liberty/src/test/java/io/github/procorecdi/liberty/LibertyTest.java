package io.github.procorecdi.liberty;

import java.nio.file.Path;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.procorecdi.servers.ServerContractTests;
import io.github.procorecdi.servers.ServerDeployments;

/** The server contract on Open Liberty (features in src/test/liberty/server.xml). */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LibertyTest extends ServerContractTests {
    static final int PORT = 9080;

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
        return Path.of(System.getProperty("wlp.home"), "usr", "servers", "procore", "logs", "messages.log");
    }
}
