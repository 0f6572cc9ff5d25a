package io.github.procorecdi.samples.serviceaccount;

/** A Procore company, as {@code GET /rest/v1.0/companies} lists it (unknown fields are ignored). */
public record Company(long id, String name) {
}
