/**
 * Everything that talks to a database: the {@code jdbc} token store, its SQL dialects, the connections of a store
 * ({@code jdbc-url} or a data source) run outside the caller's transaction, and the tables beside the tokens (API call
 * activity shared by the nodes, handled webhook deliveries). Uses {@code store}, {@code webhooks}' {@code Deliveries}
 * contract and below. Not API.
 */
package io.github.procorecdi.store.jdbc;
