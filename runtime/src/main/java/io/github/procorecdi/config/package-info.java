/**
 * A connection's configuration: the keys ({@code ConfigKey}), the records read from MicroProfile Config or given
 * properties, and the rules they must satisfy, every problem naming its property. Uses the API package, {@code health}
 * and {@code internal}. Not API.
 */
package io.github.procorecdi.config;
