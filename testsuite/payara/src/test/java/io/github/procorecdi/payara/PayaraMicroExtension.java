package io.github.procorecdi.payara;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.core.spi.LoadableExtension;

/** Registers {@link PayaraMicroContainer} with Arquillian. */
public class PayaraMicroExtension implements LoadableExtension {
    @Override
    public void register(ExtensionBuilder builder) {
        builder.service(DeployableContainer.class, PayaraMicroContainer.class);
    }
}
