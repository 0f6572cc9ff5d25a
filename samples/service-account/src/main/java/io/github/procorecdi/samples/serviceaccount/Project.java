package io.github.procorecdi.samples.serviceaccount;

/** A Procore project, as {@code GET /rest/v1.0/projects} lists it. */
public record Project(long id, String name) {
}
