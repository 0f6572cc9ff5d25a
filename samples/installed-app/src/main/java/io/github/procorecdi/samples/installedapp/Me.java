package io.github.procorecdi.samples.installedapp;

/** The signed-in Procore user. */
public record Me(long id, String login, String name) {
}
