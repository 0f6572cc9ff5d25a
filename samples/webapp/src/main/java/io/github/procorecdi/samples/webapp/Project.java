package io.github.procorecdi.samples.webapp;

/** A Procore project. */
public record Project(long id, String name) {
}
