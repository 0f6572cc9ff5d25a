/**
 * The token engine: the OAuth token endpoint and its responses, the grants, the cached tokens and their renewal (single
 * flight, the single-use refresh-token protocol, the shared service-account token), and store access with retries.
 * Uses {@code store}, {@code config} and below. Not API.
 */
package io.github.procorecdi.token;
