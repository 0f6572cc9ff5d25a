package io.github.procorecdi;

import java.util.List;

/**
 * Procore's Integration Health of a connection, computed live from the calls it sends: the seven observations of
 * Procore's Developer Portal over a rolling 14-day window (UTC days, today included), and the API Call Activity Report
 * of the last 30 days. Every API call is counted as Procore sees it (retries and 401 renewals included; token requests
 * are not API calls). {@code forCompany(id).integrationHealth()} covers the calls sent for that company only; with
 * {@code token-store=jdbc} the counts cover every node of the application. The states follow procore-cdi's documented
 * rules (docs/integration-health.md): Procore publishes no thresholds.
 */
public interface IntegrationHealth {
    /** @return the seven observations, in Procore's order (403, 404, 429, 401, missing company id, deprecated, private) */
    List<IntegrationObservation> observations();

    /**
     * @return the activity report as CSV, header exactly {@code Date,Response Code,HTTP Method,Normalized Route,Count},
     *         one row per UTC day ({@code yyyy-MM-dd}), response code, method and route, sorted by date, then route,
     *         method, code; the last 30 days
     */
    String activityReport();
}
