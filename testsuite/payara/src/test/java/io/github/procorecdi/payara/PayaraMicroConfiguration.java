package io.github.procorecdi.payara;

import org.jboss.arquillian.container.spi.ConfigurationException;
import org.jboss.arquillian.container.spi.client.container.ContainerConfiguration;

/** arquillian.xml's settings of {@link PayaraMicroContainer}. */
public class PayaraMicroConfiguration implements ContainerConfiguration {
    private String payaraJar = System.getProperty("payara.jar");
    private int httpPort = 18480;
    private String javaVmArguments = "-Xmx512m";
    private int startupTimeoutSeconds = 180;

    @Override
    public void validate() throws ConfigurationException {
        if (payaraJar == null || !new java.io.File(payaraJar).isFile()) {
            throw new ConfigurationException("payaraJar (system property payara.jar) names no file: " + payaraJar);
        }
    }

    public String getPayaraJar() {
        return payaraJar;
    }

    public void setPayaraJar(String payaraJar) {
        this.payaraJar = payaraJar;
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
