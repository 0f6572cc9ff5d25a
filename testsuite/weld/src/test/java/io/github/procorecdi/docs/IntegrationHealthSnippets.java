package io.github.procorecdi.docs;

import java.util.logging.Logger;

import io.github.procorecdi.IntegrationHealth;
import io.github.procorecdi.IntegrationObservation;
import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.ProcoreConnection;
import jakarta.inject.Inject;

/** docs/integration-health.md. */
class IntegrationHealthSnippets {
    private static final Logger log = Logger.getLogger(IntegrationHealthSnippets.class.getName());

    @Inject @ProcoreClient("dmsa") ProcoreConnection procore;

    String report() {
        IntegrationHealth health = procore.integrationHealth();            // every call of the connection
        IntegrationHealth acme = procore.forCompany(4711).integrationHealth(); // the calls sent for company 4711 only
        for (IntegrationObservation o : health.observations()) {             // the seven, in Procore's order
            log.info(o.signal() + " " + o.state() + " " + o.count() + " of " + o.calls() + " calls in 14 days");
        }
        String csv = health.activityReport();   // Date,Response Code,HTTP Method,Normalized Route,Count
        return csv + acme;
    }
}
