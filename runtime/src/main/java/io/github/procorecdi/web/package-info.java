/**
 * The servlet side, switched on where the Servlet API is present: the sign-in flow, status pages, the request filter that
 * names the web subject, and the webhook receiver. Sits above {@code connection} (it finds connections in the registry).
 * Not API.
 */
package io.github.procorecdi.web;
