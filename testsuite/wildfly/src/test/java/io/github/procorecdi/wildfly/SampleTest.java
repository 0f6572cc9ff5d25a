package io.github.procorecdi.wildfly;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.procorecdi.servers.sample.SampleDeployment;
import io.github.procorecdi.servers.sample.SampleTests;

/** The web sample on WildFly (the module's server, started once by Arquillian): over HTTP and in headless Chromium. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SampleTest extends SampleTests {
    static final String APP = "http://127.0.0.1:" + WildFlyTest.PORT + "/" + SampleDeployment.CONTEXT;

    @Deployment(name = "sample", testable = false)
    static WebArchive sample() {
        return SampleDeployment.war(APP);
    }

    @Override
    protected String sampleApp() {
        return APP;
    }
}
