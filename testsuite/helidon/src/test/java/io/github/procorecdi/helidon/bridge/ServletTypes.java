package io.github.procorecdi.helidon.bridge;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;

/**
 * Makes the test application's servlets beans in Helidon: a Servlet container announces its servlets' injection points
 * to CDI at deployment, which is where procore-cdi learns which clients to build; Helidon has none, so the servlets
 * ({@code procore.it.servlets}) are added as bean types instead.
 */
public class ServletTypes implements Extension {
    void add(@Observes BeforeBeanDiscovery event) throws ClassNotFoundException {
        for (String name : System.getProperty("procore.it.servlets", "").split(",")) {
            if (!name.isBlank()) {
                Class<?> type = Class.forName(name.trim(), false, Thread.currentThread().getContextClassLoader());
                event.addAnnotatedType(type, "procore-it-servlet:" + name.trim());
            }
        }
    }
}
