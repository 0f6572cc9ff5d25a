package io.github.procorecdi.helidon;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.core.spi.LoadableExtension;

/** Registers {@link HelidonContainer} with Arquillian. */
public class HelidonExtension implements LoadableExtension {
    @Override
    public void register(ExtensionBuilder builder) {
        builder.service(DeployableContainer.class, HelidonContainer.class);
    }
}
