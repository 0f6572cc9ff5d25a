/**
 * Metrics and spans of a connection (OpenTelemetry where its API is visible, else nothing). Uses {@code token} and below.
 * Not API.
 */
package io.github.procorecdi.telemetry;
