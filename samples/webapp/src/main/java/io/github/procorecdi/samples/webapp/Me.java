package io.github.procorecdi.samples.webapp;

/** The signed-in user. */
public record Me(long id, String login, String name) {
}
