package io.github.procorecdi.samples.webapp;

import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.eclipse.microprofile.config.ConfigProvider;

import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.ProcoreConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/**
 * With {@code sample.webhooks.destination} set (the simulator profile sets it), registers a webhook hook with
 * triggers for project create, update and delete at start, for each company the service account connection
 * "hooks" names, pointing at this app's {@code webhooks.path}. Against Procore you would create the hook once,
 * with the same calls or in Procore's Company Admin.
 */
@ApplicationScoped
public class HookRegistration {
    private static final Logger LOG = Logger.getLogger(HookRegistration.class.getName());

    @Inject
    @ProcoreClient("hooks")
    Instance<ProcoreConnection> hooks; // optional: only the simulator profile configures it

    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        Optional<String> destination = ConfigProvider.getConfig().getOptionalValue("sample.webhooks.destination", String.class);
        String authorization = ConfigProvider.getConfig().getOptionalValue("procore.default.webhooks.authorization", String.class).orElse(null);
        if (destination.isEmpty() || authorization == null || !hooks.isResolvable()) {
            return;
        }
        for (long company : new long[] {101, 202}) {
            try {
                WebhooksApi api = hooks.get().forCompany(company).client(WebhooksApi.class);
                Map<String, Object> hook = api.createHook(Map.of("company_id", company, "hook", Map.of("api_version", "v2",
                        "namespace", "procore-cdi-sample", "destination_url", destination.get(),
                        "destination_headers", Map.of("Authorization", authorization))));
                long id = ((Number) hook.get("id")).longValue();
                for (String type : new String[] {"create", "update", "delete"}) {
                    api.createTrigger(id, Map.of("trigger", Map.of("resource_name", "Projects", "event_type", type)));
                }
                LOG.info("Registered webhook hook " + id + " of company " + company + " -> " + destination.get());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not register the sample's webhook hook for company " + company + ": " + e.getMessage());
            }
        }
    }
}
