/**
 * Webhook deliveries: where a connection's events go and which deliveries were already handled (in memory here; the
 * shared table is in {@code store.jdbc}). The servlet that receives them is in {@code web}. Uses the API package. Not API.
 */
package io.github.procorecdi.webhooks;
