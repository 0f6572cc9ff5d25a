/**
 * The basement: small helpers every floor may use (JSON, headers, digests, cause chains, log ids, the runtime's threads,
 * loopback hosts, JDBC URL masking, the version). Uses nothing of the project, the API package included. Not API.
 */
package io.github.procorecdi.internal;
