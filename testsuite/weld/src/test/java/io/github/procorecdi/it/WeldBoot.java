package io.github.procorecdi.it;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

import io.github.procorecdi.extension.ProcoreExtension;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Boots a Weld SE container with exactly the given configuration, for tests that need a fresh deployment each. */
public final class WeldBoot {
    private static final AtomicInteger IDS = new AtomicInteger();

    private WeldBoot() {
    }

    /**
     * @param config MicroProfile Config of the deployment (nothing else is visible to it but defaults)
     * @param beans  the application's bean classes
     */
    public static WeldContainer boot(Map<String, String> config, Class<?>... beans) {
        ClassLoader original = Thread.currentThread().getContextClassLoader();
        ClassLoader deployment = new URLClassLoader(new URL[0], original);
        SmallRyeConfig smallRye = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(config, "test-config", 500))
                .build();
        ConfigProviderResolver.instance().registerConfig(smallRye, deployment);
        Thread.currentThread().setContextClassLoader(deployment);
        try {
            return new Weld("procore-test-" + IDS.incrementAndGet())
                    .disableDiscovery()
                    .addExtension(new ProcoreExtension())
                    .addBeanClasses(beans)
                    .initialize();
        } finally {
            Thread.currentThread().setContextClassLoader(original);
        }
    }
}
