package io.github.procorecdi.quarkus;

import java.util.concurrent.Callable;

import io.github.procorecdi.ProcoreAuthorizationRequiredException;
import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.ProcoreConnection;
import io.github.procorecdi.ProcoreException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;

/**
 * Start-up code of a web application (quarkus-undertow is there): when the application starts, before it serves any
 * request, it calls the authorization-code connection {@code web} without a subject and through {@code forSubject}, and
 * keeps the outcomes.
 */
@ApplicationScoped
public class StartupCalls {
    @Inject @ProcoreClient("web") CompaniesApi web;
    @Inject @ProcoreClient("web") ProcoreConnection connection;
    private volatile String outcomes = "the start-up observer did not run";

    @SuppressWarnings("try") // the client is closed at the end of the block, never referenced in it
    void started(@Observes Startup event) {
        outcomes = outcome(web::me) + " | forSubject: " + outcome(() -> {
            CompaniesApi job = connection.forSubject("startup-job").client(CompaniesApi.class);
            try (AutoCloseable closing = (AutoCloseable) job) {
                return job.me();
            }
        });
    }

    /** @return what the calls at start gave */
    public String outcomes() {
        return outcomes;
    }

    private static String outcome(Callable<Me> call) {
        try {
            return "called as " + call.call().name();
        } catch (ProcoreAuthorizationRequiredException e) {
            return "subject '" + e.subject() + "' must authorize";
        } catch (ProcoreException e) {
            return e.getMessage();
        } catch (Exception e) {
            return e.getClass().getName();
        }
    }
}
