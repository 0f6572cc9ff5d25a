package io.github.procorecdi.samples.webapp;

/** A Procore company. */
public record Company(long id, String name) {
}
