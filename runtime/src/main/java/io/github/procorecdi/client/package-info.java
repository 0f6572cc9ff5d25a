/**
 * The REST clients of a connection: the invocation handler (subject, pacing, retries, 401 renewal), the JAX-RS filters
 * that set {@code Authorization} and read the rate-limit headers, the exception mapper, and whose tokens a call uses
 * ({@code Subjects}). Uses {@code token}, {@code telemetry}, {@code health}, {@code config} and below. Not API.
 */
package io.github.procorecdi.client;
