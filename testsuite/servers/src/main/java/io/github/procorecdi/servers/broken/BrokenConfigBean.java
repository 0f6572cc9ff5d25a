package io.github.procorecdi.servers.broken;

import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.ProcoreConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Injects a connection whose configuration is broken in several ways: the deployment must fail. */
@ApplicationScoped
public class BrokenConfigBean {
    @Inject
    @ProcoreClient("bad")
    ProcoreConnection bad;
}
