/**
 * Procore's unified upload flow (segments, presigned PUTs, completion, polling). Uses {@code client} and below. Not API.
 */
package io.github.procorecdi.files;
