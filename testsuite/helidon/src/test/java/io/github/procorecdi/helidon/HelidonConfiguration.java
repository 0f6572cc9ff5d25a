package io.github.procorecdi.helidon;

import org.jboss.arquillian.container.spi.ConfigurationException;
import org.jboss.arquillian.container.spi.client.container.ContainerConfiguration;

/** arquillian.xml's settings of {@link HelidonContainer}. */
public class HelidonConfiguration implements ContainerConfiguration {
    private int httpPort = 18580;
    private String javaVmArguments = "-Xmx512m";
    private int startupTimeoutSeconds = 180;

    @Override
    public void validate() throws ConfigurationException {
        // nothing to check
    }

    public int getHttpPort() {
        return httpPort;
    }

    public void setHttpPort(int httpPort) {
        this.httpPort = httpPort;
    }

    public String getJavaVmArguments() {
        return javaVmArguments;
    }

    public void setJavaVmArguments(String javaVmArguments) {
        this.javaVmArguments = javaVmArguments;
    }

    public int getStartupTimeoutSeconds() {
        return startupTimeoutSeconds;
    }

    public void setStartupTimeoutSeconds(int startupTimeoutSeconds) {
        this.startupTimeoutSeconds = startupTimeoutSeconds;
    }
}
