/**
 * Integration health: the counted API calls per day, response code, method and route, and the seven observations
 * computed from them. Uses the API package and {@code internal}. Not API.
 */
package io.github.procorecdi.health;
